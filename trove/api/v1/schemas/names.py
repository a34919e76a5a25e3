"""Names, hosts and passwords of databases and users: the schema fragments
for request bodies, and the same rules for names that arrive in URLs.

The character rules are MariaDB's (each guest enforces its engine's own
too), narrowed where a name must also survive a URL: '@' separates a user
from its host in users/{name@host}, and troveclient leaves '/' unquoted
in paths. Reserved names are the engine's, from the version's recorded
capabilities. Nothing here is ever echoed back in a message but a
reserved name.
"""
from trove.api.v1 import schemas

DEFAULT_HOST = '%'


def _visible_bmp(excluded):
    """A character class of the Basic Multilingual Plane without control
    characters (NUL included) and without the ASCII ``excluded``.

    Written as the ranges it allows rather than as [^...] with the planes
    beyond: equivalent, and generators of matching strings (the API's
    fuzz tests) draw from it in milliseconds instead of half a minute.
    """
    ranges, start = [], None
    for code in range(0x20, 0x80):
        allowed = code != 0x7f and chr(code) not in excluded
        if allowed and start is None:
            start = code
        if not allowed and start is not None:
            ranges.append((start, code - 1))
            start = None
    return '[%s\\x80-\\uffff]' % ''.join(
        '\\x%02x-\\x%02x' % (low, high) for low, high in ranges)


# Never: control characters (NUL included), or characters beyond the Basic
# Multilingual Plane (identifiers are utf8mb3). Database names become
# directory names, so no '/', '\\' or '.' either; and the server strips
# trailing spaces, which would make two requested names one.
# (\Z, not $, which also matches before a final newline.)
DATABASE_NAME = r'^%s*%s\Z' % (_visible_bmp('/\\.'), _visible_bmp('/\\. '))
USER_NAME = r'^%s*%s\Z' % (_visible_bmp('@/'), _visible_bmp('@/ '))
# Host names, IPv4 and IPv6 addresses and the wildcards '%' and '_'.
USER_HOST = r'^[A-Za-z0-9_.%:-]+\Z'
# Starts with a letter: the guest writes it unquoted, and a word such as
# '5' or '1e5' would be a number there (a syntax error), not a name.
CHARSET_NAME = r'^[A-Za-z][A-Za-z0-9_]*\Z'
PASSWORD = r'^[^\x00-\x1f\x7f]+\Z'

database_name = {'type': 'string', 'minLength': 1, 'maxLength': 64,
                 'pattern': DATABASE_NAME}
# 32: what every engine accepts (MySQL 8 allows no more), and what
# POST /instances accepts.
user_name = {'type': 'string', 'minLength': 1, 'maxLength': 32,
             'pattern': USER_NAME}
user_host = {'type': 'string', 'minLength': 1, 'maxLength': 255,
             'pattern': USER_HOST}
optional_host = dict(user_host, type=['string', 'null'])
charset_name = {'type': ['string', 'null'], 'minLength': 1, 'maxLength': 64,
                'pattern': CHARSET_NAME}
password = {'type': 'string', 'minLength': 1, 'maxLength': 255,
            'pattern': PASSWORD}

database_ref = {
    'type': 'object',
    'required': ['name'],
    'properties': {'name': database_name},
}

database_refs = {'type': 'array', 'minItems': 1, 'items': database_ref}


def refuse_reserved(reserved, databases=(), users=()):
    """400 naming the first reserved database or user name given.
    ``reserved``: the Capabilities of the instance's datastore version
    (trove.datastore.capabilities): names are reserved per engine, so a
    PostgreSQL user may be called 'mysql'."""
    reserved.refuse_reserved(databases=databases, users=users)


def check_database(name, reserved):
    """A database named in a URL."""
    schemas.validate({'type': 'object', 'properties': {
        'database': database_name}}, {'database': name})
    refuse_reserved(reserved, databases=[name])
    return name


def parse_user(user_id, reserved):
    """(name, host) of users/{user}: "name" or "name@host" ('%' when the
    host is missing), checked like a body's."""
    name, separator, host = user_id.rpartition('@')
    if not separator:
        name, host = user_id, DEFAULT_HOST
    schemas.validate({'type': 'object', 'properties': {
        'user': user_name, 'host': user_host}}, {'user': name, 'host': host})
    refuse_reserved(reserved, users=[name])
    return name, host
