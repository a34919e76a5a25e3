"""SQL statements built from user input, safely.

Identifiers cannot be bound as query parameters, so they are validated and
then quoted with backticks (a backtick inside is doubled). Every value,
including user names, hosts and passwords, is a bound parameter: the
returned ``(statement, params)`` pairs go straight to ``cursor.execute``,
which %-formats the statement only when params is not None (hence a
literal '%' in an identifier is doubled only in statements with params).
"""
import re

from trove.guestagent import exception

# MariaDB 10.11 limits (NAME_CHAR_LEN, HOSTNAME_LENGTH). The engine takes
# user names of up to 128 characters; 32 is the API's cap, and the same
# cap everywhere means no account exists that the API cannot name.
MAX_DATABASE_NAME = 64
MAX_USER_NAME = 32
MAX_HOST = 255

# Schemas and accounts the engine or the agent own: users may not touch them.
SYSTEM_DATABASES = frozenset(
    ('mysql', 'information_schema', 'performance_schema', 'sys'))
# A lost+found directory in the datadir shows up as '#mysql50#lost+found'.
RESERVED_DATABASES = SYSTEM_DATABASES | {'lost+found'}
# '#mysql50#x' names the directory x verbatim, bypassing the file name
# encoding of identifiers: never a user's database.
LEGACY_PREFIX = '#mysql50#'
RESERVED_USERS = frozenset(('root', 'os_admin', 'mysql', 'mariadb.sys'))
ROOT_USER = 'root'

# Character set and collation names are bare words in the grammar.
_CHARSET_NAME = re.compile(r'^[A-Za-z0-9_]{1,64}$')
_CONTROL_CHARS = re.compile(r'[\x00-\x1f\x7f]')
# Identifiers and account names are stored as utf8mb3: no 4-byte characters.
_BEYOND_BMP = re.compile('[\U00010000-\U0010ffff]')


class InvalidName(exception.GuestError, ValueError):
    """A name a user supplied that the engine must not see."""

    def __init__(self, reason):
        super().__init__('Invalid database or user: %s' % reason)


def _check_text(kind, value, max_length):
    if not isinstance(value, str) or not value:
        raise InvalidName('%s must be a non-empty string' % kind)
    if len(value) > max_length:
        raise InvalidName('%s %r is longer than %d characters' % (
            kind, value, max_length))
    if _CONTROL_CHARS.search(value):
        raise InvalidName('%s %r contains control characters' % (kind, value))
    if _BEYOND_BMP.search(value):
        raise InvalidName('%s %r contains characters outside the Basic '
                          'Multilingual Plane' % (kind, value))
    # The server silently strips trailing spaces from identifiers, which
    # would make two different requested names collide.
    if value != value.rstrip(' '):
        raise InvalidName('%s %r ends with a space' % (kind, value))
    return value


def quote_identifier(name):
    if not isinstance(name, str) or not name or '\x00' in name:
        raise InvalidName('invalid identifier')
    return '`%s`' % name.replace('`', '``')


def is_reserved_database(name):
    return (name.lower() in RESERVED_DATABASES
            or name.lower().startswith(LEGACY_PREFIX))


def database_name(name):
    _check_text('database name', name, MAX_DATABASE_NAME)
    # Database names become directory names; a dot would also read as a
    # schema.table separator wherever a name is not quoted.
    if '/' in name or '\\' in name or '.' in name:
        raise InvalidName('database name %r contains "/", "\\" or "."'
                          % name)
    if is_reserved_database(name):
        raise InvalidName('database name %r is reserved' % name)
    return name


def user_name(name):
    _check_text('user name', name, MAX_USER_NAME)
    if name in RESERVED_USERS:
        raise InvalidName('user name %r is reserved' % name)
    return name


def host_name(host):
    # The server stores (and matches) hosts in lower case.
    return _check_text('host', '%' if host is None else host,
                       MAX_HOST).lower()


def password(value):
    if not isinstance(value, str) or not value:
        raise InvalidName('password must be a non-empty string')
    return value


def _charset_word(kind, value):
    if not _CHARSET_NAME.match(value or ''):
        raise InvalidName('invalid %s %r' % (kind, value))
    return value


def create_database(name, character_set=None, collate=None,
                    if_not_exists=True):
    statement = 'CREATE DATABASE %s%s' % (
        'IF NOT EXISTS ' if if_not_exists else '',
        quote_identifier(database_name(name)))
    if character_set:
        statement += ' CHARACTER SET %s' % _charset_word(
            'character set', character_set)
    if collate:
        statement += ' COLLATE %s' % _charset_word('collation', collate)
    return statement, None


def charset_probe(character_set=None, collate=None):
    """A statement without effects that fails as CREATE DATABASE would for
    an unknown character set (1115), an unknown collation (1273) or a
    collation of another character set (1253). The server's own parser
    judges, so aliases such as utf8 and utf8_general_ci are accepted.
    Without a character set, the probe uses 'binary': then 1253 only says
    that the collation exists."""
    statement = "SELECT CONVERT('' USING %s)" % _charset_word(
        'character set', character_set or 'binary')
    if collate:
        statement += ' COLLATE %s' % _charset_word('collation', collate)
    return statement, None


def drop_database(name):
    return 'DROP DATABASE %s' % quote_identifier(database_name(name)), None


def create_user(name, host, secret):
    return ('CREATE USER %s@%s IDENTIFIED BY %s',
            (user_name(name), host_name(host), password(secret)))


def set_password(name, host, secret):
    return ('ALTER USER %s@%s IDENTIFIED BY %s',
            (user_name(name), host_name(host), password(secret)))


def rename_user(name, host, new_name, new_host):
    return ('RENAME USER %s@%s TO %s@%s',
            (user_name(name), host_name(host), user_name(new_name),
             host_name(new_host)))


def delete_user(name, host):
    return 'DROP USER %s@%s', (user_name(name), host_name(host))


def grant_pattern(database):
    # In GRANT, '_' and '%' in a database name are wildcards: unescaped,
    # a grant on `my_db` would also cover `myXdb`.
    return re.sub(r'([_%])', r'\\\1', database_name(database))


def database_of_pattern(pattern):
    """The database a grant pattern (mysql.db.Db) names, unescaped."""
    return re.sub(r'\\(.)', r'\1', pattern)


def grant_all_on_database(database, name, host):
    statement = 'GRANT ALL PRIVILEGES ON %s.* TO %%s@%%s' % (
        quote_identifier(grant_pattern(database)).replace('%', '%%'))
    return statement, (user_name(name), host_name(host))


def revoke_on_pattern(pattern, name, host, grant_option=False):
    """Revoke a grant as stored in mysql.db (``pattern`` comes from the
    server, so it is quoted but not validated as a request). ALL
    PRIVILEGES leaves GRANT OPTION, which needs a statement of its own."""
    statement = 'REVOKE %s ON %s.* FROM %%s@%%s' % (
        'GRANT OPTION' if grant_option else 'ALL PRIVILEGES',
        quote_identifier(pattern).replace('%', '%%'))
    return statement, (user_name(name), host_name(host))


def enable_root(secret):
    """root@'%' with ``secret`` and every privilege. Created with its
    password (never an instant without one), then the password is set in
    case the account already existed."""
    password(secret)
    return [
        ('CREATE USER IF NOT EXISTS %s@%s IDENTIFIED BY %s',
         (ROOT_USER, '%', secret)),
        ('ALTER USER %s@%s IDENTIFIED BY %s', (ROOT_USER, '%', secret)),
        ('GRANT ALL PRIVILEGES ON *.* TO %s@%s WITH GRANT OPTION',
         (ROOT_USER, '%')),
    ]


# token_urlsafe's alphabet, and our account names.
_INIT_FILE_SAFE = re.compile(r'^[A-Za-z0-9_-]+\Z')


def init_file(admin, secret, bootstrap_user):
    """The text of the server's --init-file: no anonymous account, none
    for ``bootstrap_user``, and the agent's own account afresh, local only
    ('localhost' never matches a TCP client under skip-name-resolve).
    Plain SQL (nothing binds values there): the names are ours and the
    secret is checked to need no quoting."""
    for value in (admin, secret, bootstrap_user):
        if not _INIT_FILE_SAFE.match(value):
            raise ValueError('unsafe value for the init file')
    return '\n'.join([
        "DELETE FROM mysql.global_priv WHERE User = '';",
        'FLUSH PRIVILEGES;',
        "DROP USER IF EXISTS '%s'@'localhost';" % bootstrap_user,
        "DROP USER IF EXISTS '%s'@'localhost';" % admin,
        "CREATE USER '%s'@'localhost' IDENTIFIED BY '%s';" % (admin, secret),
        "GRANT ALL PRIVILEGES ON *.* TO '%s'@'localhost' WITH GRANT OPTION;"
        % admin,
        ''])


def drop_user(name, host):
    """For accounts found in mysql.user, hence not validated as requests."""
    return 'DROP USER %s@%s', (name, host)
