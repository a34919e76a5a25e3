"""MariaDB (and MySQL-compatible) engine inside a guest: the steps of
trove.guestagent.datastores.common.datastore that differ for mariadbd."""
import os

from trove.guestagent.datastores.common import datastore
from trove.guestagent.datastores.common import template
from trove.guestagent.datastores.mariadb import admin as mariadb_admin
from trove.guestagent.datastores.mariadb import client
from trove.guestagent.datastores.mariadb import config
from trove.guestagent.datastores.mariadb import install
from trove.guestagent.datastores.mariadb import layout as mariadb_layout
from trove.guestagent.datastores.mariadb import overrides as mariadb_overrides
from trove.guestagent.datastores.mariadb import process
from trove.guestagent.datastores.mariadb import sql
from trove.guestagent.strategies.backup import mariadb as mariadb_backup


class MariaDBDatastore(datastore.EngineDatastore):

    admin_class = mariadb_admin.MariaDBAdmin
    backup_strategy_class = mariadb_backup.MariaDBBackup
    display_name = 'MariaDB'
    layout_class = mariadb_layout.Layout
    # An agent running as root starts mariadbd as root: it drops to --user
    # itself, after raising its limits (open files) as only root can.
    switch_user = False

    def __init__(self, settings):
        super().__init__(settings)
        self._admin = mariadb_admin.MariaDBAdmin(self.layout)
        self._configuration = mariadb_overrides.MariaDBOverrides(
            settings, self.layout, lambda: self.process.find() is not None,
            lock=self.start_lock)

    def _engine_process(self):
        return process.engine(self.layout)

    @property
    def admin(self):
        return self._admin

    @property
    def configuration(self):
        return self._configuration

    def _check_requests(self, databases, users):
        return _requested_statements(databases, users)

    def _write_config(self):
        config.write(self.settings, self.layout)
        self._configuration.engine_starting()

    def _initialize(self):
        install.install_db(self.layout)
        self._write_init_file()

    def _restore(self, backup_info):
        super()._restore(backup_info)
        self._write_init_file()

    def _write_init_file(self):
        """The agent's own account, made by the server as it starts: the
        agent may not log in as root (it is not the system root), and the
        data directory's accounts are a cache's or a backup source's."""
        password = client.new_admin_password(self.layout)
        template.write(self.layout.init_file,
                       sql.init_file(client.ADMIN_USER, password,
                                     install.BOOTSTRAP_USER),
                       mode=0o600, owner=self.layout.engine_ids())

    def _command(self):
        return process.command(self.layout)

    def _answers(self):
        return client.answers(self.layout)

    def _provision(self, statements):
        # Done its work: later starts must not reset the agent's account.
        os.unlink(self.layout.init_file)
        client.execute_all(client.connect_admin(self.layout), statements)


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
