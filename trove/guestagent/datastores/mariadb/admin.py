"""Databases, users, access and root of MariaDB, through the agent's own
account over the unix socket.

Every request is checked in full before the first statement runs (names,
existence, character sets), so that a refused request changes nothing;
the server's own errors still map to the same 4xx should another request
race this one.
"""
import collections
import contextlib
import secrets

from oslo_log import log as logging
import pymysql

from trove.common import exception
from trove.guestagent.datastores import base
from trove.guestagent.datastores.mariadb import catalog
from trove.guestagent.datastores.mariadb import client
from trove.guestagent.datastores.mariadb import sql

LOG = logging.getLogger(__name__)

_who = catalog.identity

ER_COLLATION_CHARSET_MISMATCH = 1253
# Server errors that the user can act on, by MariaDB error number. Their
# messages quote names, never passwords (those are bound parameters).
_USER_ERRORS = {
    1007: exception.Conflict,        # database exists
    1008: exception.NotFound,        # database does not exist
    1102: exception.BadRequest,      # incorrect database name
    1115: exception.BadRequest,      # unknown character set
    ER_COLLATION_CHARSET_MISMATCH: exception.BadRequest,
    1273: exception.BadRequest,      # unknown collation
    1300: exception.BadRequest,      # invalid utf8mb3 string
    1396: exception.Conflict,        # CREATE/DROP/RENAME USER raced us
    1470: exception.BadRequest,      # user name or host too long
}


@contextlib.contextmanager
def _translated_errors():
    """Errors leave as trove.common.exception errors, the only ones that
    cross RPC as themselves."""
    try:
        yield
    except sql.InvalidName as error:
        raise exception.BadRequest(str(error)) from None
    except pymysql.err.MySQLError as error:
        code = error.args[0] if error.args else None
        message = error.args[1] if len(error.args) > 1 else str(error)
        kind = _USER_ERRORS.get(code)
        if kind is None:
            raise exception.GuestError(
                reason='MariaDB error %s: %s' % (code, message)) from error
        raise kind(message) from None
    except OSError as error:
        raise exception.GuestError(
            reason='cannot reach MariaDB: %s' % error) from error


def _name_of(item):
    """A database reference: a name or a {name} dict."""
    if isinstance(item, dict):
        item = item.get('name')
    return sql.database_name(item)


def _unique(kind, keys):
    twice = sorted(key for key, count in collections.Counter(keys).items()
                   if count > 1)
    if twice:
        raise exception.BadRequest('%s listed more than once: %s' % (
            kind, ', '.join(map(str, twice))))


def _user(name, host, databases):
    return {'name': name, 'host': host,
            'databases': [{'name': db} for db in sorted(databases)]}


def _execute(cur, statements):
    for statement, params in statements:
        cur.execute(statement, params)


class MariaDBAdmin(base.DatabaseAdmin):

    datastore_name = 'mariadb'
    reserved_databases = sql.RESERVED_DATABASES
    reserved_users = sql.RESERVED_USERS

    def __init__(self, layout):
        self._layout = layout

    @contextlib.contextmanager
    def _cursor(self):
        with client.cursor(client.connect_admin(self._layout)) as cur:
            yield cur

    # Databases.

    @_translated_errors()
    def list_databases(self):
        with self._cursor() as cur:
            schemata = catalog.schemata(cur)
        return [{'name': name, 'character_set': charset, 'collate': collate}
                for name, (charset, collate) in sorted(schemata.items())
                if not sql.is_reserved_database(name)]

    @_translated_errors()
    def create_databases(self, databases):
        requests = [(_name_of(db), db.get('character_set') or None,
                     db.get('collate') or None) for db in databases]
        _unique('Database', [name for name, _, _ in requests])
        statements = [sql.create_database(*request, if_not_exists=False)
                      for request in requests]
        with self._cursor() as cur:
            existing = catalog.schemata(cur)
            clash = [name for name, _, _ in requests if name in existing]
            if clash:
                raise exception.Conflict('Database %s already exists.'
                                         % ', '.join(clash))
            for charset, collate in {request[1:] for request in requests}:
                if charset or collate:
                    _check_charset(cur, charset, collate)
            _execute(cur, statements)
        LOG.info('Created databases %s', [name for name, _, _ in requests])

    @_translated_errors()
    def delete_database(self, name):
        statement = sql.drop_database(name)
        with self._cursor() as cur:
            catalog.require_databases(cur, [name])
            _execute(cur, [statement])
        LOG.info('Deleted database %s', name)

    # Users.

    @_translated_errors()
    def list_users(self):
        with self._cursor() as cur:
            accounts = catalog.accounts(cur)
            grants = catalog.grants(cur)
        return [_user(name, host, grants.get((name, host), ()))
                for name, host in sorted(accounts)
                if name and name not in sql.RESERVED_USERS]

    @_translated_errors()
    def get_user(self, name, host):
        name, host = sql.user_name(name), sql.host_name(host)
        with self._cursor() as cur:
            catalog.require_user(cur, name, host)
            grants = catalog.grants(cur, name, host)
        return _user(name, host, grants.get((name, host), ()))

    @_translated_errors()
    def create_users(self, users):
        statements, identities, databases = [], [], set()
        for user in users:
            name, host = user.get('name'), user.get('host') or '%'
            statements.append(sql.create_user(name, host,
                                              user.get('password')))
            identities.append((name, sql.host_name(host)))
            for db in user.get('databases') or []:
                databases.add(_name_of(db))
                statements.append(sql.grant_all_on_database(
                    _name_of(db), name, host))
        _unique('User', [_who(*identity) for identity in identities])
        with self._cursor() as cur:
            catalog.require_databases(cur, sorted(databases))
            clash = [_who(*identity) for identity in identities
                     if catalog.account_exists(cur, *identity)]
            if clash:
                raise exception.Conflict('User %s already exists.'
                                         % ', '.join(clash))
            _execute(cur, statements)
        LOG.info('Created users %s', [_who(*i) for i in identities])

    @_translated_errors()
    def delete_user(self, name, host):
        statement = sql.delete_user(name, host)
        name, host = statement[1]
        with self._cursor() as cur:
            catalog.require_user(cur, name, host)
            _execute(cur, [statement])
        LOG.info('Deleted user %s', _who(name, host))

    @_translated_errors()
    def update_user(self, name, host, new_name=None, new_password=None,
                    new_host=None):
        name, host = sql.user_name(name), sql.host_name(host)
        target = (sql.user_name(new_name or name),
                  sql.host_name(new_host or host))
        statements = []
        if target != (name, host):
            statements.append(sql.rename_user(name, host, *target))
        if new_password is not None:
            statements.append(sql.set_password(*target, new_password))
        with self._cursor() as cur:
            catalog.require_user(cur, name, host)
            if target != (name, host) and catalog.account_exists(cur, *target):
                raise exception.Conflict('User %s already exists.'
                                         % _who(*target))
            _execute(cur, statements)
        LOG.info('Updated user %s (now %s%s)', _who(name, host),
                 _who(*target),
                 ', new password' if new_password is not None else '')

    @_translated_errors()
    def change_passwords(self, users):
        statements = [sql.set_password(user.get('name'), user.get('host'),
                                       user.get('password'))
                      for user in users]
        identities = [params[:2] for _, params in statements]
        _unique('User', [_who(*identity) for identity in identities])
        with self._cursor() as cur:
            missing = [_who(*identity) for identity in identities
                       if not catalog.account_exists(cur, *identity)]
            if missing:
                raise exception.NotFound('User %s does not exist.'
                                         % ', '.join(missing))
            _execute(cur, statements)
        LOG.info('Changed the password of %s',
                 [_who(*identity) for identity in identities])

    # Access.

    @_translated_errors()
    def list_access(self, name, host):
        return self.get_user(name, host)['databases']

    @_translated_errors()
    def grant_access(self, name, host, databases):
        names = [_name_of(db) for db in databases]
        statements = [sql.grant_all_on_database(db, name, host)
                      for db in names]
        name, host = sql.user_name(name), sql.host_name(host)
        with self._cursor() as cur:
            catalog.require_user(cur, name, host)
            catalog.require_databases(cur, names)
            _execute(cur, statements)
        LOG.info('Granted %s access to %s', _who(name, host), names)

    @_translated_errors()
    def revoke_access(self, name, host, database):
        name, host = sql.user_name(name), sql.host_name(host)
        database = sql.database_name(database)
        with self._cursor() as cur:
            catalog.require_user(cur, name, host)
            granted = catalog.grants(cur, name, host)[(name, host)]
            patterns = granted.get(database)
            if not patterns:
                raise exception.NotFound(
                    'User %s has no access to database %s.' % (
                        _who(name, host), database))
            for pattern, grant_option in patterns:
                _execute(cur, [sql.revoke_on_pattern(pattern, name, host)])
                if grant_option:
                    _execute(cur, [sql.revoke_on_pattern(
                        pattern, name, host, grant_option=True)])
        LOG.info('Revoked %s access to %s', _who(name, host), database)

    # Root.

    @_translated_errors()
    def enable_root(self, password=None):
        """root@'%' with ``password`` (generated if None) and every
        privilege, for TCP logins; returns {name, password}."""
        password = secrets.token_urlsafe(24) if password is None else password
        statements = sql.enable_root(password)
        with self._cursor() as cur:
            _execute(cur, statements)
        LOG.info("Enabled root@'%'")
        return {'name': sql.ROOT_USER, 'password': password}

    @_translated_errors()
    def disable_root(self):
        """Drop every root account but root@localhost, which only the unix
        socket reaches (under skip-name-resolve) and the agent does not
        use: a TCP login as root then fails."""
        with self._cursor() as cur:
            hosts = [host for user, host in catalog.accounts(cur)
                     if user == sql.ROOT_USER and host != 'localhost']
            _execute(cur, [sql.drop_user(sql.ROOT_USER, host)
                           for host in hosts])
        LOG.info('Disabled root (dropped %s)',
                 [_who(sql.ROOT_USER, host) for host in hosts])


def _check_charset(cur, charset, collate):
    try:
        cur.execute(*sql.charset_probe(charset, collate))
        cur.fetchall()
    except pymysql.err.MySQLError as error:
        # Without a character set, a mismatch with 'binary' only says that
        # the collation exists.
        if charset or error.args[0] != ER_COLLATION_CHARSET_MISMATCH:
            raise
