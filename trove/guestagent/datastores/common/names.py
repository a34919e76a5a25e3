"""Checks of the names and passwords users send to an engine.

Engines bind values and quote identifiers, so these checks are not what
keeps user input out of statements; they refuse what the engine would
silently change (truncate, strip) or what would corrupt a file the engine
writes (a newline in an ACL file), with a 400 the user can act on.
"""
import re

from trove.common import exception

_CONTROL_CHARS = re.compile(r'[\x00-\x1f\x7f]')


def invalid(reason):
    return exception.BadRequest(reason=reason)


def check_text(kind, value, max_bytes):
    if not isinstance(value, str) or not value:
        raise invalid('%s must be a non-empty string' % kind)
    if len(value.encode('utf-8')) > max_bytes:
        raise invalid('%s is longer than %d bytes' % (kind, max_bytes))
    if _CONTROL_CHARS.search(value):
        raise invalid('%s contains control characters' % kind)
    return value


def check_name(kind, value, max_bytes, reserved=frozenset()):
    check_text(kind, value, max_bytes)
    if value in reserved:
        raise invalid('%s %r is reserved' % (kind, value))
    return value


def check_password(password, max_bytes=1024):
    if not isinstance(password, str) or not password:
        raise invalid('password must be a non-empty string')
    if len(password.encode('utf-8')) > max_bytes:
        raise invalid('password is longer than %d bytes' % max_bytes)
    return password


def check_any_host(datastore, host):
    """For engines without per-host accounts: '%' (any host) or nothing."""
    if host not in (None, '', '%'):
        raise invalid('%s users have no host: use "%%" or no host, not %r'
                      % (datastore, host))
    return '%'


def check_unique(kind, keys):
    """A request naming the same thing twice is refused, not half done."""
    seen, twice = set(), set()
    for key in keys:
        (twice if key in seen else seen).add(key)
    if twice:
        raise invalid('%s listed more than once: %s'
                      % (kind, ', '.join(sorted(map(str, twice)))))


def not_found(kind, name):
    return exception.NotFound('%s %s does not exist.' % (kind, name))


def already_exists(kind, name):
    return exception.Conflict('%s %s already exists.' % (kind, name))
