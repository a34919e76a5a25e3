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

# MariaDB 10.11 limits (NAME_CHAR_LEN, USERNAME_CHAR_LENGTH, HOSTNAME_LENGTH).
MAX_DATABASE_NAME = 64
MAX_USER_NAME = 128
MAX_HOST = 255

# Schemas and accounts the engine or the agent own: users may not touch them.
SYSTEM_DATABASES = frozenset(
    ('mysql', 'information_schema', 'performance_schema', 'sys'))
RESERVED_USERS = frozenset(('root', 'os_admin', 'mysql', 'mariadb.sys'))

# Character set and collation names are bare words in the grammar.
_CHARSET_NAME = re.compile(r'^[A-Za-z0-9_]{1,64}$')
_CONTROL_CHARS = re.compile(r'[\x00-\x1f\x7f]')


class InvalidName(exception.GuestError, ValueError):
    """A name a user supplied that the engine must not see."""

    def __init__(self, reason):
        super().__init__('Invalid database or user: %s' % reason)


def _check_text(kind, value, max_length):
    if not isinstance(value, str) or not value:
        raise InvalidName('%s must be a non-empty string' % kind)
    if len(value) > max_length:
        raise InvalidName('%s is longer than %d characters' % (
            kind, max_length))
    if _CONTROL_CHARS.search(value):
        raise InvalidName('%s contains control characters' % kind)
    # The server silently strips trailing spaces from identifiers, which
    # would make two different requested names collide.
    if value != value.rstrip(' '):
        raise InvalidName('%s ends with a space' % kind)
    return value


def quote_identifier(name):
    if not isinstance(name, str) or not name or '\x00' in name:
        raise InvalidName('invalid identifier')
    return '`%s`' % name.replace('`', '``')


def database_name(name):
    _check_text('database name', name, MAX_DATABASE_NAME)
    # Database names become directory names: the server refuses these.
    if '/' in name or '\\' in name or name.endswith('.'):
        raise InvalidName('database name contains "/", "\\" or ends with "."')
    if name.lower() in SYSTEM_DATABASES:
        raise InvalidName('database name %r is reserved' % name)
    return name


def user_name(name):
    _check_text('user name', name, MAX_USER_NAME)
    if name in RESERVED_USERS:
        raise InvalidName('user name %r is reserved' % name)
    return name


def host_name(host):
    return _check_text('host', '%' if host is None else host, MAX_HOST)


def _charset_word(kind, value):
    if not _CHARSET_NAME.match(value or ''):
        raise InvalidName('invalid %s %r' % (kind, value))
    return value


def create_database(name, character_set=None, collate=None):
    statement = 'CREATE DATABASE IF NOT EXISTS %s' % quote_identifier(
        database_name(name))
    if character_set:
        statement += ' CHARACTER SET %s' % _charset_word(
            'character set', character_set)
    if collate:
        statement += ' COLLATE %s' % _charset_word('collation', collate)
    return statement, None


def create_user(name, host, password):
    if not isinstance(password, str) or not password:
        raise InvalidName('password must be a non-empty string')
    return ('CREATE USER %s@%s IDENTIFIED BY %s',
            (user_name(name), host_name(host), password))


def grant_all_on_database(database, name, host):
    # In GRANT, '_' and '%' in a database name are wildcards: unescaped,
    # a grant on `my_db` would also cover `myXdb`.
    pattern = re.sub(r'([_%])', r'\\\1', database_name(database))
    statement = 'GRANT ALL PRIVILEGES ON %s.* TO %%s@%%s' % (
        quote_identifier(pattern).replace('%', '%%'))
    return statement, (user_name(name), host_name(host))


def create_admin(name, password):
    """The agent's own account: socket-only ('localhost' never matches a TCP
    client under skip-name-resolve) and therefore not reachable remotely."""
    return [
        ('CREATE USER %s@%s IDENTIFIED BY %s', (name, 'localhost', password)),
        ('GRANT ALL PRIVILEGES ON *.* TO %s@%s WITH GRANT OPTION',
         (name, 'localhost')),
    ]


def drop_user(name, host):
    """For accounts found in mysql.user, hence not validated as requests."""
    return 'DROP USER %s@%s', (name, host)
