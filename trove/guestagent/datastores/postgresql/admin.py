"""Databases, users, access and root of a PostgreSQL instance.

Same semantics as the other engines' admins (see base.DatabaseAdmin):
every request is checked in full before its first statement runs. Hosts
do not exist in PostgreSQL, so a user's host is '%' or nothing.
"""
import secrets

from oslo_log import log as logging

from trove.common import exception
from trove.guestagent.datastores import base
from trove.guestagent.datastores.common import names
from trove.guestagent.datastores.postgresql import catalog
from trove.guestagent.datastores.postgresql import client
from trove.guestagent.datastores.postgresql import sql

LOG = logging.getLogger(__name__)


class PostgreSQLAdmin(base.DatabaseAdmin):

    datastore_name = sql.DATASTORE
    reserved_databases = sql.RESERVED_DATABASES
    reserved_users = sql.RESERVED_USERS

    def __init__(self, layout):
        self.layout = layout

    def _cursor(self, database=sql.MAINTENANCE_DB):
        return client.cursor(self.layout, database)

    def _host(self, host):
        return names.check_any_host(self.datastore_name, host)

    # Databases.

    def list_databases(self):
        with self._cursor() as cur:
            return catalog.databases(cur)

    def create_databases(self, databases):
        sql.check_databases(databases)
        with self._cursor() as cur:
            clash = [db['name'] for db in databases
                     if catalog.database_exists(cur, db['name'])]
            if clash:
                raise names.already_exists('Database', ', '.join(clash))
            for db in databases:
                cur.execute(*sql.create_database(
                    db['name'], db.get('character_set'), db.get('collate')))
                cur.execute(*sql.revoke_public(db['name']))
        LOG.info('Created databases %s', [db['name'] for db in databases])

    def delete_database(self, name):
        with self._cursor() as cur:
            catalog.require_databases(cur, [name])
            cur.execute(*sql.drop_database(name))
        LOG.info('Deleted database %s', name)

    # Users.

    def list_users(self):
        with self._cursor() as cur:
            return [catalog.user(cur, name)
                    for name in catalog.user_names(cur)]

    def get_user(self, name, host):
        self._host(host)
        with self._cursor() as cur:
            catalog.require_user(cur, name)
            return catalog.user(cur, name)

    def create_users(self, users):
        sql.check_users(users)
        wanted = sorted({db['name'] for user in users
                         for db in user.get('databases') or []})
        with self._cursor() as cur:
            catalog.require_databases(cur, wanted)
            catalog.refuse_existing_users(cur, [u['name'] for u in users])
            for user in users:
                verifier = client.password_verifier(cur, user['name'],
                                                    user['password'])
                cur.execute(*sql.create_user(user['name'], verifier))
                self._grant(cur, user['name'], [
                    db['name'] for db in user.get('databases') or []])
        LOG.info('Created users %s', [user['name'] for user in users])

    def delete_user(self, name, host):
        self._host(host)
        with self._cursor() as cur:
            catalog.require_user(cur, name)
            cur.execute(sql.TERMINATE_SESSIONS, (name, False))
            # Ownership and privileges are per database.
            for database in catalog.connectable_databases(cur):
                with self._cursor(database) as db_cur:
                    for statement in sql.disown(name):
                        db_cur.execute(*statement)
            cur.execute(*sql.drop_user(name))
        LOG.info('Deleted user %s', name)

    def update_user(self, name, host, new_name=None, new_password=None,
                    new_host=None):
        self._host(host)
        self._host(new_host)
        renamed = new_name not in (None, name)
        if renamed:
            sql.user_name(new_name)
        if new_password is not None:
            names.check_password(new_password)
        with self._cursor() as cur:
            catalog.require_user(cur, name)
            if renamed:
                catalog.refuse_existing_users(cur, [new_name])
                # SCRAM verifiers survive a rename, MD5 hashes (salted
                # with the name; root may have set one) do not.
                cur.execute(sql.HAS_MD5_PASSWORD, (name,))
                if new_password is None and cur.fetchone():
                    raise names.invalid(
                        'renaming %s clears its MD5 password: give a new '
                        'password with the new name' % name)
                cur.execute(*sql.rename_user(name, new_name))
                name = new_name
            if new_password is not None:
                self._set_password(cur, name, new_password)
        LOG.info('Updated user %s', name)

    def change_passwords(self, users):
        for user in users:
            self._host(user.get('host'))
            names.check_password(user.get('password'))
        names.check_unique('User', [user['name'] for user in users])
        with self._cursor() as cur:
            for user in users:
                catalog.require_user(cur, user['name'])
            for user in users:
                self._set_password(cur, user['name'], user['password'])

    def _set_password(self, cur, name, password):
        cur.execute(*sql.set_password(
            name, client.password_verifier(cur, name, password)))

    # Access.

    def list_access(self, name, host):
        return self.get_user(name, host)['databases']

    def grant_access(self, name, host, databases):
        self._host(host)
        databases = [db['name'] if isinstance(db, dict) else db
                     for db in databases]
        with self._cursor() as cur:
            catalog.require_user(cur, name)
            catalog.require_databases(cur, databases)
            self._grant(cur, name, databases)

    def _grant(self, cur, name, databases):
        for database in databases:
            cur.execute(*sql.grant_database(database, name))
            with self._cursor(database) as db_cur:
                db_cur.execute(*sql.grant_schema(name))

    def revoke_access(self, name, host, database):
        self._host(host)
        with self._cursor() as cur:
            catalog.require_user(cur, name)
            if database not in catalog.user_databases(cur, name):
                raise exception.NotFound('User %s has no access to database '
                                         '%s.' % (name, database))
            cur.execute(*sql.revoke_database(database, name))
            with self._cursor(database) as db_cur:
                db_cur.execute(*sql.revoke_schema(name))

    # Root: the postgres superuser, over TCP only with a password.

    def enable_root(self, password=None):
        password = password or secrets.token_urlsafe(24)
        names.check_password(password)
        with self._cursor() as cur:
            self._set_password(cur, sql.SUPERUSER, password)
        LOG.info('Enabled root (%s)', sql.SUPERUSER)
        return {'name': sql.SUPERUSER, 'password': password}

    def disable_root(self):
        """No password, no TCP login (pg_hba wants one); the superuser's
        TCP sessions end now. The agent's socket login is unaffected."""
        with self._cursor() as cur:
            cur.execute(*sql.set_password(sql.SUPERUSER, None))
            cur.execute(sql.TERMINATE_SESSIONS, (sql.SUPERUSER, True))
        LOG.info('Disabled root (%s)', sql.SUPERUSER)
