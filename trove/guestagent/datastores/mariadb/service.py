"""MariaDB (and MySQL-compatible) engine inside a guest."""
import os
import threading
import time

from oslo_log import log as logging

from trove.guestagent.datastores import base
from trove.guestagent.datastores.mariadb import admin as mariadb_admin
from trove.guestagent.datastores.mariadb import client
from trove.guestagent.datastores.mariadb import config
from trove.guestagent.datastores.mariadb import install
from trove.guestagent.datastores.mariadb import layout as mariadb_layout
from trove.guestagent.datastores.mariadb import overrides as mariadb_overrides
from trove.guestagent.datastores.mariadb import process
from trove.guestagent.datastores.mariadb import sql
from trove.guestagent.strategies.backup import mariadb as mariadb_backup
from trove.guestagent.strategies.backup import runner as backup_runner
from trove.instance.status import ServiceStatus

LOG = logging.getLogger(__name__)


class MariaDBDatastore(base.Datastore):

    admin_class = mariadb_admin.MariaDBAdmin
    backup_strategy_class = mariadb_backup.MariaDBBackup

    def __init__(self, settings):
        super().__init__(settings)
        self.layout = mariadb_layout.Layout(settings)
        # Seconds spent in each step of the last prepare, for measurement.
        self.timings = {}
        self._admin = mariadb_admin.MariaDBAdmin(self.layout)
        # Held while the engine starts: the agent's own start and its
        # restart of a crashed engine must not both run one, and a
        # configuration change must not fall between the files being
        # written and the engine reading them.
        self.start_lock = threading.RLock()
        self._configuration = mariadb_overrides.MariaDBOverrides(
            settings, self.layout,
            lambda: process.find(self.layout) is not None,
            lock=self.start_lock)

    @property
    def admin(self):
        return self._admin

    @property
    def configuration(self):
        return self._configuration

    def _write_config(self):
        config.write(self.settings, self.layout)
        self._configuration.engine_starting()

    def is_prepared(self):
        return os.path.exists(self.layout.prepared_marker)

    def prepare(self, databases, users, backup_info=None):
        if self.is_prepared():
            LOG.info('Already prepared, nothing to do')
            return
        # Check every name before touching anything.
        statements = _requested_statements(databases or [], users or [])
        self.timings = {}
        clock = _Clock(self.timings)
        process.kill(self.layout)
        install.clear_datadir(self.layout)
        self.layout.create_dirs()
        self._write_config()
        clock.lap('setup')
        if backup_info:
            backup_runner.Runner(self.backup_strategy()).restore(backup_info)
            clock.lap('restore')
        else:
            install.install_db(self.layout)
            clock.lap('install_db')
        self._start(client.root_answers)
        clock.lap('start')
        if backup_info:
            # The restored grant tables hold the source's agent account;
            # this instance's agent gets its own.
            client.execute_all(client.connect_root(self.layout), [
                ('DROP USER IF EXISTS %s@%s',
                 (client.ADMIN_USER, 'localhost'))])
        self._secure()
        client.execute_all(client.connect_admin(self.layout), statements)
        clock.lap('databases_users')
        _write_durably(self.layout.prepared_marker)
        LOG.info('Prepared MariaDB in %.2fs (%s)', sum(self.timings.values()),
                 ', '.join('%s %.3fs' % kv for kv in self.timings.items()))

    def _secure(self):
        """Remove anonymous accounts and create the agent's own account."""
        connection = client.connect_root(self.layout)
        with connection.cursor() as cur:
            cur.execute("SELECT User, Host FROM mysql.user WHERE User = ''")
            anonymous = cur.fetchall()
        password = client.new_admin_password(self.layout)
        client.execute_all(
            connection, [sql.drop_user(user, host) for user, host in anonymous]
            + sql.create_admin(client.ADMIN_USER, password))

    def start(self):
        with self.start_lock:
            if process.find(self.layout) is not None:
                return
            if not self.is_prepared():
                raise process.EngineError('MariaDB cannot start: the '
                                          'instance was never prepared')
            self.layout.create_dirs()
            # Re-rendered so that the engine follows a changed flavor or
            # template.
            self._write_config()
            self._start(client.answers)

    def _start(self, ready):
        child = process.start(self.layout)
        process.wait_ready(self.layout, child, ready)

    def stop(self):
        process.stop(self.layout)

    def status(self):
        if process.find(self.layout) is None:
            return ServiceStatus.SHUTDOWN
        if client.answers(self.layout):
            return ServiceStatus.HEALTHY
        return ServiceStatus.RUNNING


def _requested_statements(databases, users):
    statements = [sql.create_database(db['name'], db.get('character_set'),
                                      db.get('collate'))
                  for db in databases]
    for user in users:
        host = user.get('host') or '%'
        statements.append(sql.create_user(user['name'], host,
                                          user.get('password')))
        for db in user.get('databases') or []:
            # A user's database is created if the request forgot to list it.
            statements.append(sql.create_database(db['name']))
            statements.append(
                sql.grant_all_on_database(db['name'], user['name'], host))
    return statements


def _write_durably(path):
    """The marker must survive a host crash: without it a new prepare
    would take the datadir for leftovers and remove it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    fd = os.open(os.path.dirname(path), os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _Clock(object):

    def __init__(self, laps):
        self._laps = laps
        self._last = time.monotonic()

    def lap(self, name):
        now = time.monotonic()
        self._laps[name] = now - self._last
        self._last = now
