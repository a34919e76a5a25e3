"""PostgreSQL statements built from user input, safely.

Identifiers are quoted by psycopg2.sql.Identifier (a double quote inside is
doubled) and every value, passwords and locale names included, is a bound
parameter. Names are checked first for what the server would change
silently: it truncates identifiers longer than 63 bytes.
"""
from psycopg2 import sql

from trove.guestagent.datastores.common import names

DATASTORE = 'postgresql'
MAX_NAME_BYTES = 63     # NAMEDATALEN - 1
SUPERUSER = 'postgres'
MAINTENANCE_DB = 'postgres'
# The maintenance database and the templates every database is copied from.
RESERVED_DATABASES = frozenset((MAINTENANCE_DB, 'template0', 'template1'))
# The superuser, the name other engines' agents use, and role names the
# server itself refuses ('pg_' is its prefix for built-in roles).
RESERVED_USERS = frozenset((SUPERUSER, 'os_admin', 'public', 'none'))

_id = sql.Identifier


def _id_with_params(name):
    """An identifier in a statement that also has parameters: psycopg2
    %-formats the whole quoted statement, so a '%' in a name is doubled
    (else a name could swallow a parameter, or the statement fail)."""
    return sql.Identifier(name.replace('%', '%%'))


def database_name(name):
    return names.check_name('database name', name, MAX_NAME_BYTES,
                            RESERVED_DATABASES)


def user_name(name):
    names.check_name('user name', name, MAX_NAME_BYTES, RESERVED_USERS)
    if name.startswith('pg_'):
        raise names.invalid('user names starting with "pg_" are reserved')
    return name


def check_databases(databases):
    """Every database of a request, before any is created."""
    for db in databases:
        create_database(db['name'], db.get('character_set'),
                        db.get('collate'))
    names.check_unique('Database', [db['name'] for db in databases])


def check_users(users):
    for user in users:
        user_name(user['name'])
        names.check_password(user.get('password'))
        names.check_any_host(DATASTORE, user.get('host'))
        for db in user.get('databases') or []:
            database_name(db['name'])
    names.check_unique('User', [user['name'] for user in users])


def create_database(name, character_set=None, collate=None):
    # template0: template1 may hold objects, and a database with another
    # encoding or locale can only be copied from template0.
    database_name(name)
    if not (character_set or collate):
        return sql.SQL('CREATE DATABASE {} TEMPLATE template0').format(
            _id(name)), None
    statement = sql.SQL('CREATE DATABASE {} TEMPLATE template0').format(
        _id_with_params(name))
    params = []
    if character_set:
        statement += sql.SQL(' ENCODING %s')
        params.append(names.check_text('character set', character_set, 64))
    if collate:
        statement += sql.SQL(' LOCALE %s')
        params.append(names.check_text('collation', collate, 128))
    return statement, params


def revoke_public(database):
    """By default every role may connect to a new database: only users
    granted access may."""
    return sql.SQL('REVOKE ALL ON DATABASE {} FROM PUBLIC').format(
        _id(database)), None


def drop_database(name):
    # FORCE: users' sessions would otherwise make the drop fail.
    return sql.SQL('DROP DATABASE {} WITH (FORCE)').format(_id(name)), None


def create_user(name, verifier):
    return sql.SQL('CREATE ROLE {} LOGIN PASSWORD %s').format(
        _id_with_params(user_name(name))), [verifier]


def set_password(name, verifier):
    """``verifier`` None removes the password: no password login at all."""
    return sql.SQL('ALTER ROLE {} PASSWORD %s').format(
        _id_with_params(name)), [verifier]


def rename_user(name, new_name):
    return sql.SQL('ALTER ROLE {} RENAME TO {}').format(
        _id(name), _id(user_name(new_name))), None


def disown(name):
    """In the connected database: what the user owns passes to the
    superuser (the data stays, as when a MariaDB user is dropped) and its
    privileges go, so that DROP ROLE can succeed."""
    return [
        (sql.SQL('REASSIGN OWNED BY {} TO {}').format(
            _id(name), _id(SUPERUSER)), None),
        (sql.SQL('DROP OWNED BY {}').format(_id(name)), None),
    ]


def drop_user(name):
    return sql.SQL('DROP ROLE {}').format(_id(name)), None


def grant_database(database, name):
    return sql.SQL('GRANT ALL ON DATABASE {} TO {}').format(
        _id(database), _id(name)), None


def grant_schema(name):
    """In the connected database. Since PostgreSQL 15 only the database
    owner may create in schema public."""
    return sql.SQL('GRANT CREATE, USAGE ON SCHEMA public TO {}').format(
        _id(name)), None


def revoke_database(database, name):
    return sql.SQL('REVOKE ALL ON DATABASE {} FROM {}').format(
        _id(database), _id(name)), None


def revoke_schema(name):
    return sql.SQL('REVOKE ALL ON SCHEMA public FROM {}').format(
        _id(name)), None


LIST_DATABASES = (
    'SELECT datname, pg_encoding_to_char(encoding), datcollate '
    'FROM pg_database WHERE NOT datistemplate AND datname <> %s '
    'ORDER BY datname')
DATABASE_EXISTS = 'SELECT 1 FROM pg_database WHERE datname = %s'
CONNECTABLE_DATABASES = (
    'SELECT datname FROM pg_database WHERE datallowconn ORDER BY datname')
# Login roles a user made: not the built-in ones, not the superuser.
LIST_USERS = (
    "SELECT rolname FROM pg_roles WHERE rolcanlogin AND rolname <> %s "
    "AND rolname NOT LIKE 'pg\\_%%' ORDER BY rolname")
ROLE_EXISTS = 'SELECT 1 FROM pg_roles WHERE rolname = %s'
# Only roles a user could have made count as users.
USER_EXISTS = (
    "SELECT 1 FROM pg_roles WHERE rolname = %s AND rolcanlogin "
    "AND rolname NOT LIKE 'pg\\_%%'")
# Databases the role may connect to by a grant of its own (PUBLIC's
# default grants do not count) or as their owner.
USER_DATABASES = (
    'SELECT d.datname FROM pg_database d JOIN pg_roles r '
    'ON r.rolname = %s WHERE NOT d.datistemplate AND d.datname <> %s '
    'AND (d.datdba = r.oid OR EXISTS (SELECT 1 FROM aclexplode(d.datacl) a '
    "WHERE a.grantee = r.oid AND a.privilege_type = 'CONNECT')) "
    'ORDER BY d.datname')
# MD5 hashes are salted with the role name: a rename clears them.
HAS_MD5_PASSWORD = (
    "SELECT 1 FROM pg_authid WHERE rolname = %s AND rolpassword LIKE 'md5%%'")
# Sessions of a role; tcp_only spares the agent's own socket session.
TERMINATE_SESSIONS = (
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity '
    'WHERE usename = %s AND pid <> pg_backend_pid() '
    'AND (client_addr IS NOT NULL OR NOT %s)')
