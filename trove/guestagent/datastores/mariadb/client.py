"""Connections of the agent to its engine, always over the unix socket.

The agent logs in with its own account, which the server's init file
creates at prepare's first start; its password is kept in a file of the
agent's (0600) on the volume.
"""
import contextlib
import secrets

import pymysql

from trove.guestagent.datastores.common import volume

ADMIN_USER = 'os_admin'
# [client]: an operator can log in with ``mariadb --defaults-file``.
SECTION = 'client'
CONNECT_TIMEOUT = 5


def connect(layout, user, password=None):
    # No TLS on a local socket: PyMySQL otherwise builds a TLS context
    # (loading the CA store) on every connect, 20 ms each.
    return pymysql.connect(
        unix_socket=layout.socket, user=user, password=password or '',
        connect_timeout=CONNECT_TIMEOUT, autocommit=True, charset='utf8mb4',
        ssl_disabled=True)


def connect_admin(layout):
    return connect(layout, ADMIN_USER, read_admin_password(layout))


@contextlib.contextmanager
def cursor(connection):
    try:
        with connection.cursor() as cur:
            yield cur
    finally:
        connection.close()


def execute_all(connection, statements):
    """Run ``(statement, params)`` pairs, then close the connection."""
    with cursor(connection) as cur:
        for statement, params in statements:
            cur.execute(statement, params)


def answers(layout):
    """True if the engine accepts the agent's login: a cheap liveness probe
    (a socket connect, one auth exchange, a ping)."""
    try:
        connection = connect_admin(layout)
    except (pymysql.Error, OSError):
        return False
    try:
        connection.ping(reconnect=False)
        return True
    except pymysql.Error:
        return False
    finally:
        connection.close()


def new_admin_password(layout):
    """Generate and store the agent's password (0600; the file is in
    [client] format so an operator can use ``mariadb --defaults-file``)."""
    password = secrets.token_urlsafe(24)
    volume.write_credentials(
        layout.admin_credentials, SECTION,
        {'user': ADMIN_USER, 'password': password, 'socket': layout.socket})
    return password


def read_admin_password(layout):
    return volume.read_credentials(layout.admin_credentials,
                                   SECTION)['password']
