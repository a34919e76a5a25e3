"""PostgreSQL inside a guest: initdb on the volume, a postgres server run
by the agent as the postgres user, databases and users at prepare."""
import os
import signal

from trove.conf import CONF
from trove.guestagent.datastores.common import datadir_cache
from trove.guestagent.datastores.common import datastore
from trove.guestagent.datastores.common import process as common_process
from trove.guestagent.datastores.common import volume
from trove.guestagent.datastores.postgresql import admin
from trove.guestagent.datastores.postgresql import client
from trove.guestagent.datastores.postgresql import config
from trove.guestagent.datastores.postgresql import layout as pg_layout
from trove.guestagent.datastores.postgresql import overrides as pg_overrides
from trove.guestagent.datastores.postgresql import sql
from trove.guestagent.strategies.backup import postgresql as pg_backup

INITDB_TIMEOUT = 300
# C.UTF-8 is in every glibc; databases may ask for another locale.
DEFAULT_LOCALE = 'C.UTF-8'


class PostgreSQLDatastore(datastore.EngineDatastore):

    admin_class = admin.PostgreSQLAdmin
    backup_strategy_class = pg_backup.PostgreSQLBackup
    display_name = 'PostgreSQL'
    layout_class = pg_layout.Layout

    def __init__(self, settings):
        super().__init__(settings)
        self.bin_dir = pg_layout.bin_dir(settings.version)
        self._configuration = pg_overrides.PostgreSQLOverrides(
            settings, self.layout, lambda: self.process.find() is not None,
            lock=self.start_lock)

    def _engine_process(self):
        # SIGINT is the fast shutdown: SIGTERM ("smart") would wait for
        # every client to disconnect first.
        return common_process.EngineProcess(
            self.display_name, self.layout.process_record,
            self.layout.error_log, self.layout.engine_user,
            stop_signal=signal.SIGINT)

    @property
    def admin(self):
        return admin.PostgreSQLAdmin(self.layout)

    @property
    def configuration(self):
        return self._configuration

    def _check_requests(self, databases, users):
        sql.check_databases(databases)
        sql.check_users(users)
        # A user's database is created if the request forgot to list it.
        listed = {db['name'] for db in databases}
        for user in users:
            for db in user.get('databases') or []:
                if db['name'] not in listed:
                    listed.add(db['name'])
                    databases = databases + [{'name': db['name']}]
        return databases, users

    def _write_config(self):
        config.write(self.settings, self.layout)
        self._configuration.engine_starting()

    def _initialize(self):
        """initdb, or a copy of a cluster it made earlier on this host with
        the same binary and arguments (trove.guestagent.datastores.common.
        datadir_cache). Copies share initdb's system identifier, as
        servers booted from one golden image do; nothing here uses it."""
        arguments = [
            '--username', sql.SUPERUSER,
            '--encoding', 'UTF8', '--locale', DEFAULT_LOCALE,
            # For the data directory's own pg_hba.conf, which the server
            # does not read (ours is rendered outside): safe if it ever did.
            '--auth-local', 'peer', '--auth-host', 'scram-sha-256',
            '--no-instructions',
            # Durable all the same: one syncfs below instead of initdb's
            # fsync of each of its ~1000 files (0.3 s of its 1.1 s here).
            '--no-sync',
        ]
        initdb = os.path.join(self.bin_dir, 'initdb')
        cache_dir = CONF.guest_agent.datadir_cache_path
        cache_key = datadir_cache.key(initdb, arguments)
        if not datadir_cache.restore(cache_dir, cache_key,
                                     self.layout.datadir):
            self._run_initdb([initdb, '--pgdata', self.layout.datadir]
                             + arguments)
            datadir_cache.save(cache_dir, cache_key, self.layout.datadir)
        volume.sync_filesystem(self.layout.datadir)

    def _run_initdb(self, command):
        returncode, output = common_process.run(
            command, user=self.layout.engine_user, timeout=INITDB_TIMEOUT)
        if returncode != 0:
            raise common_process.EngineError(
                'PostgreSQL data directory initialisation failed: %s'
                % ' | '.join(output.splitlines()[-3:]))

    def _command(self):
        # -D names the directory of postgresql.conf, which names the data
        # directory.
        return [os.path.join(self.bin_dir, 'postgres'),
                '-D', self.layout.base_dir]

    def _answers(self):
        return client.answers(self.layout)

    def _provision(self, requests):
        databases, users = requests
        engine_admin = self.admin
        engine_admin.create_databases(databases)
        engine_admin.create_users(users)
