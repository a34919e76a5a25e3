"""MariaDB (and MySQL-compatible) engine inside a guest: the steps of
trove.guestagent.datastores.common.datastore that differ for mariadbd."""
from trove.guestagent.datastores.common import datastore
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
    # Started as root: mariadbd drops to --user itself, after raising its
    # limits (open files) as only root can.
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

    def _command(self):
        return process.command(self.layout)

    def _answers(self):
        return client.answers(self.layout)

    def _answers_at_prepare(self):
        # The agent's account does not exist yet: root logs in over the
        # socket (unix_socket authentication, fresh or restored).
        return client.root_answers(self.layout)

    def _provision(self, statements):
        self._secure()
        client.execute_all(client.connect_admin(self.layout), statements)

    def _secure(self):
        """Remove anonymous accounts and create the agent's own account
        (replacing the one restored grant tables hold: the source's)."""
        connection = client.connect_root(self.layout)
        with connection.cursor() as cur:
            cur.execute("SELECT User, Host FROM mysql.user WHERE User = ''")
            anonymous = cur.fetchall()
        password = client.new_admin_password(self.layout)
        client.execute_all(
            connection,
            [('DROP USER IF EXISTS %s@%s', (client.ADMIN_USER, 'localhost'))]
            + [sql.drop_user(user, host) for user, host in anonymous]
            + sql.create_admin(client.ADMIN_USER, password))


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
