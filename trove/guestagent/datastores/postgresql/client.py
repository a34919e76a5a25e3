"""The agent's connections to its PostgreSQL, always over the unix socket.

The agent administers the engine as the postgres superuser by peer
authentication: pg_ident.conf maps the OS user root (the agent) to it, and
pg_hba.conf allows that only on the socket. So there is no agent password
to keep, nothing a stolen volume gives away, and no account a user can see
or lock out; TCP logins as postgres need the password that enabling root
sets.
"""
import contextlib

import psycopg2
from psycopg2 import errors
from psycopg2 import extensions

from trove.common import exception
from trove.guestagent.datastores.postgresql import layout as pg_layout
from trove.guestagent.datastores.postgresql import sql

SUPERUSER = sql.SUPERUSER
MAINTENANCE_DB = sql.MAINTENANCE_DB
CONNECT_TIMEOUT = 5


def connect(layout, database=MAINTENANCE_DB):
    connection = psycopg2.connect(
        host=layout.socket_dir, port=pg_layout.PORT, user=SUPERUSER,
        dbname=database, connect_timeout=CONNECT_TIMEOUT,
        application_name='trove-guestagent')
    # CREATE/DROP DATABASE cannot run inside a transaction.
    connection.autocommit = True
    return connection


# Server errors the user can act on (another request raced this one, or
# the server refused a value such as an encoding). Their messages quote
# names, never passwords: only SCRAM verifiers are sent.
_USER_ERRORS = [
    ((errors.DuplicateObject, errors.DuplicateDatabase, errors.ObjectInUse,
      errors.DependentObjectsStillExist), exception.Conflict),
    ((errors.InvalidCatalogName,), exception.NotFound),     # no database
    # UndefinedObject: an unknown encoding (roles are looked up first).
    ((errors.InvalidParameterValue, errors.InvalidName, errors.ReservedName,
      errors.FeatureNotSupported, errors.InvalidSchemaName,
      errors.UndefinedObject), exception.BadRequest),
]


@contextlib.contextmanager
def translated_errors():
    """Errors leave as trove.common.exception errors, the only ones that
    cross RPC as themselves."""
    try:
        yield
    except psycopg2.Error as error:
        message = error.diag.message_primary or str(error).strip()
        for kinds, kind in _USER_ERRORS:
            if isinstance(error, kinds):
                raise kind(message) from None
        raise exception.GuestError(
            reason='PostgreSQL error: %s' % message) from error


@contextlib.contextmanager
def cursor(layout, database=MAINTENANCE_DB):
    """A cursor whose errors leave as trove.common.exception errors."""
    with translated_errors():
        connection = connect(layout, database)
        try:
            with connection.cursor() as cur:
                yield cur
        finally:
            connection.close()


def answers(layout):
    """True if the engine accepts the agent's login: a cheap probe."""
    try:
        connection = connect(layout)
    except psycopg2.Error:
        return False
    try:
        with connection.cursor() as cur:
            cur.execute('SELECT 1')
        return True
    except psycopg2.Error:
        return False
    finally:
        connection.close()


def password_verifier(cur, user, password):
    """The SCRAM verifier of ``password``, computed here: the server then
    never sees the password, so it cannot reach a log (a failed statement
    is logged with its text)."""
    return extensions.encrypt_password(password, user, cur,
                                       'scram-sha-256')
