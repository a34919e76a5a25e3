"""MariaDBDatastore against a real mariadbd (run as root, no RabbitMQ)."""
import os
import socket
import stat
import time

import pymysql
import pytest

from trove.guestagent.datastores.common import process as common_process
from trove.instance.status import ServiceStatus
from trove.tests.functional.guestagent import mariadb_engine

ADDRESS = '127.79.0.2'

pytestmark = mariadb_engine.needs_root_and_mariadb


@pytest.fixture
def datastore():
    with mariadb_engine.mariadb_datastore(ADDRESS, 'func-1') as engine:
        yield engine


def _connect(user, password, database=None):
    return mariadb_engine.connect(ADDRESS, user, password, database)


def _refused(connection, statement):
    with pytest.raises(pymysql.err.OperationalError) as error:
        with connection.cursor() as cur:
            cur.execute(statement)
    assert error.value.args[0] in (1044, 1142), error.value   # access denied


def test_prepare_stop_start(datastore):
    started = time.monotonic()
    datastore.prepare(
        databases=[{'name': 'mydb'}],
        users=[{'name': 'myuser', 'password': 'mypass',
                'databases': [{'name': 'mydb'}, {'name': 'my_db'}]}])
    print('\nprepare took %.3fs: %s' % (
        time.monotonic() - started,
        ', '.join('%s %.3fs' % kv for kv in datastore.timings.items())))
    assert datastore.is_prepared()
    assert datastore.status() == ServiceStatus.HEALTHY
    credentials = os.stat(datastore.layout.admin_credentials)
    assert stat.S_IMODE(credentials.st_mode) == 0o600

    connection = _connect('myuser', 'mypass', 'mydb')
    with connection.cursor() as cur:
        cur.execute('CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))')
        cur.execute("INSERT INTO t VALUES (1, 'kept')")
        cur.execute('SELECT CURRENT_USER()')
        assert cur.fetchone() == ('myuser@%',)
    _refused(connection, 'CREATE DATABASE other')
    # The grant on my_db must not act as the pattern my?db.
    _refused(connection, 'CREATE DATABASE myXdb')
    _refused(connection, 'CREATE TABLE mysql.evil (id INT)')
    connection.close()
    # Admin accounts are reachable over the socket only.
    for user in ('root', 'os_admin'):
        with pytest.raises(pymysql.err.OperationalError):
            _connect(user, '')

    datastore.prepare(databases=[{'name': 'again'}], users=[])   # no-op
    datastore.stop()
    assert datastore.status() == ServiceStatus.SHUTDOWN

    started = time.monotonic()
    datastore.start()
    print('start took %.3fs' % (time.monotonic() - started))
    assert datastore.status() == ServiceStatus.HEALTHY
    connection = _connect('myuser', 'mypass', 'mydb')
    with connection.cursor() as cur:
        cur.execute('SELECT v FROM t WHERE id = 1')
        assert cur.fetchone() == ('kept',)
        cur.execute('SHOW DATABASES')
        assert ('again',) not in cur.fetchall()
    connection.close()


def test_failed_start_quotes_the_error_log(datastore):
    datastore.settings.address = '127.79.0.3'
    with socket.socket() as squatter:       # the engine's port is taken
        squatter.bind(('127.79.0.3', 3306))
        squatter.listen()
        with pytest.raises(common_process.EngineError,
                           match='MariaDB failed to start.*already in use'):
            datastore.prepare(databases=[], users=[])
    assert not datastore.is_prepared()
    assert datastore.status() == ServiceStatus.SHUTDOWN
