"""PostgreSQLDatastore against a real postgres (run as root, no RabbitMQ):
prepare, logins as the created users, every admin operation checked with
a real login, stop/start."""
import logging
import os
import shutil
import socket
import tempfile
import time

import psycopg2
from psycopg2 import errors
import pytest

from trove.common import exception
from trove.conf import CONF
from trove.guestagent.datastores.common import process as common_process
from trove.guestagent.datastores.postgresql import engine as pg_engine
from trove.guestagent.datastores.postgresql import layout as pg_layout
from trove.instance.status import ServiceStatus
from trove.tests.functional.guestagent import engines

ADDRESS = '127.79.0.3'
VERSION = str(pg_layout.versioned_bin_dirs()[-1][0]) \
    if pg_layout.versioned_bin_dirs() else None
# A user name no quoting mistake survives: quotes, a %s, a statement.
HOSTILE = 'Bob"); DROP ROLE x; -- %s'

pytestmark = engines.needs_root_and(VERSION)


@pytest.fixture
def datastore():
    with engines.temporary_datastore(pg_engine.PostgreSQLDatastore, ADDRESS,
                                     VERSION) as datastore:
        yield datastore


@pytest.fixture
def prepared(datastore):
    started = time.monotonic()
    datastore.prepare(
        databases=[{'name': 'mydb'}, {'name': 'otherdb'}],
        users=[{'name': 'myuser', 'password': 'mypass',
                'databases': [{'name': 'mydb'}]}])
    engines.print_timings('PostgreSQL prepare', time.monotonic() - started,
                          datastore.timings)
    return datastore


def connect(user, password, database):
    connection = psycopg2.connect(host=ADDRESS, port=5432, user=user,
                                  password=password, dbname=database,
                                  connect_timeout=5)
    connection.autocommit = True
    return connection


def refused(user, password, database):
    with pytest.raises(psycopg2.OperationalError) as error:
        connect(user, password, database).close()
    return str(error.value)


def create_table(connection, name='t'):
    with connection.cursor() as cur:
        cur.execute('CREATE TABLE %s (id INT PRIMARY KEY, v TEXT)' % name)
        cur.execute("INSERT INTO %s VALUES (1, 'kept')" % name)


def test_prepare_logins_and_restart(prepared):
    assert prepared.is_prepared()
    assert prepared.status() == ServiceStatus.HEALTHY
    connection = connect('myuser', 'mypass', 'mydb')
    create_table(connection)
    connection.close()
    # Not granted: another database refuses the login, and where every
    # role may connect (postgres), schema public refuses tables.
    assert 'permission denied' in refused('myuser', 'mypass', 'otherdb')
    connection = connect('myuser', 'mypass', 'postgres')
    with pytest.raises(errors.InsufficientPrivilege):
        create_table(connection)
    connection.close()
    assert 'password authentication failed' in refused(
        'myuser', 'wrong', 'mydb')
    # The superuser has no password until root is enabled.
    refused('postgres', '', 'postgres')

    prepared.prepare(databases=[{'name': 'again'}], users=[])   # no-op
    prepared.stop()
    assert prepared.status() == ServiceStatus.SHUTDOWN
    refused('myuser', 'mypass', 'mydb')
    started = time.monotonic()
    prepared.start()
    print('start took %.3fs' % (time.monotonic() - started))
    assert prepared.status() == ServiceStatus.HEALTHY
    connection = connect('myuser', 'mypass', 'mydb')
    with connection.cursor() as cur:
        cur.execute('SELECT v FROM t WHERE id = 1')
        assert cur.fetchone() == ('kept',)
    connection.close()
    assert 'again' not in [db['name']
                           for db in prepared.admin.list_databases()]


def test_databases(prepared):
    admin = prepared.admin
    admin.create_databases([{'name': 'we"ird %s db', 'character_set': 'UTF8',
                             'collate': 'C'}])
    found = {db['name']: db for db in admin.list_databases()}
    assert set(found) == {'mydb', 'otherdb', 'we"ird %s db'}
    assert found['we"ird %s db'] == {'name': 'we"ird %s db',
                                     'character_set': 'UTF8', 'collate': 'C'}
    with pytest.raises(exception.Conflict):
        admin.create_databases([{'name': 'mydb'}])
    with pytest.raises(exception.BadRequest):
        admin.create_databases([{'name': 'x', 'character_set': 'utf8mb4'}])
    with pytest.raises(exception.BadRequest):
        admin.create_databases([{'name': 'template1'}])
    session = connect('myuser', 'mypass', 'mydb')      # dropped with FORCE
    admin.delete_database('mydb')
    session.close()
    assert 'mydb' not in [db['name'] for db in admin.list_databases()]
    with pytest.raises(exception.NotFound):
        admin.delete_database('mydb')
    with pytest.raises(exception.NotFound):
        admin.delete_database('postgres')


def test_users_and_access(prepared):
    admin = prepared.admin
    admin.create_users([{'name': HOSTILE, 'password': 'p1', 'host': '%',
                         'databases': [{'name': 'otherdb'}]}])
    create_table(connect(HOSTILE, 'p1', 'otherdb'))
    refused(HOSTILE, 'p1', 'mydb')
    assert admin.get_user(HOSTILE, '%') == {
        'name': HOSTILE, 'host': '%', 'databases': [{'name': 'otherdb'}]}
    assert [u['name'] for u in admin.list_users()] == [HOSTILE, 'myuser']
    with pytest.raises(exception.Conflict):
        admin.create_users([{'name': 'myuser', 'password': 'x'}])
    with pytest.raises(exception.NotFound):
        admin.create_users([{'name': 'new', 'password': 'x',
                             'databases': [{'name': 'nodb'}]}])
    with pytest.raises(exception.BadRequest):
        admin.create_users([{'name': 'postgres', 'password': 'x'}])
    with pytest.raises(exception.BadRequest):
        admin.get_user('myuser', '10.0.0.1')
    with pytest.raises(exception.NotFound):
        admin.get_user('postgres', '%')

    admin.grant_access('myuser', '%', ['otherdb'])
    create_table(connect('myuser', 'mypass', 'otherdb'), 'mine')
    assert admin.list_access('myuser', None) == [{'name': 'mydb'},
                                                 {'name': 'otherdb'}]
    admin.revoke_access('myuser', '%', 'otherdb')
    refused('myuser', 'mypass', 'otherdb')
    with pytest.raises(exception.NotFound):
        admin.revoke_access('myuser', '%', 'otherdb')

    admin.change_passwords([{'name': 'myuser', 'host': '%',
                             'password': 'new'}])
    refused('myuser', 'mypass', 'mydb')
    connect('myuser', 'new', 'mydb').close()
    # SCRAM verifiers survive a rename: the old password still works.
    admin.update_user('myuser', '%', new_name='renamed')
    connect('renamed', 'new', 'mydb').close()
    admin.update_user('renamed', '%', new_password='newer')
    connect('renamed', 'newer', 'mydb').close()
    with pytest.raises(exception.Conflict):
        admin.update_user('renamed', '%', new_name=HOSTILE)

    admin.delete_user('renamed', '%')
    refused('renamed', 'newer', 'mydb')
    with pytest.raises(exception.NotFound):
        admin.delete_user('renamed', '%')
    # Its tables stay, now the superuser's.
    with connect(HOSTILE, 'p1', 'otherdb') as connection:
        with connection.cursor() as cur:
            cur.execute("SELECT tableowner FROM pg_tables WHERE "
                        "tablename = 'mine'")
            assert cur.fetchone() == ('postgres',)


def test_root(prepared):
    admin = prepared.admin
    assert admin.enable_root('rootpass') == {'name': 'postgres',
                                             'password': 'rootpass'}
    session = connect('postgres', 'rootpass', 'postgres')
    with session.cursor() as cur:
        cur.execute('SELECT rolsuper FROM pg_roles WHERE rolname = '
                    'current_user')
        assert cur.fetchone() == (True,)
    admin.disable_root()
    refused('postgres', 'rootpass', 'postgres')
    with pytest.raises(psycopg2.OperationalError):     # terminated
        session.cursor().execute('SELECT 1')
    assert prepared.status() == ServiceStatus.HEALTHY   # the agent still is


def test_failed_start_quotes_the_error_log(datastore):
    with socket.socket() as squatter:       # the engine's port is taken
        # Earlier tests' connections may linger in TIME_WAIT.
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        squatter.bind((ADDRESS, 5432))
        squatter.listen()
        with pytest.raises(common_process.EngineError,
                           match='PostgreSQL failed to start.*'):
            datastore.prepare(databases=[], users=[])
    assert not datastore.is_prepared()
    assert datastore.status() == ServiceStatus.SHUTDOWN


def test_later_clusters_are_copies_of_the_first_one_initdb_made(caplog):
    # The cache lives where the engine user can read it, like the host's.
    caplog.set_level(logging.INFO)
    cache = tempfile.mkdtemp(prefix='trove-guest-cache-')
    CONF.set_override('datadir_cache_path', cache, group='guest_agent')
    try:
        for name in ('first', 'second'):
            caplog.clear()
            with engines.temporary_datastore(pg_engine.PostgreSQLDatastore,
                                             ADDRESS, VERSION) as datastore:
                datastore.prepare(
                    databases=[{'name': 'mydb'}],
                    users=[{'name': name, 'password': 'pw-' + name,
                            'databases': [{'name': 'mydb'}]}])
                connect(name, 'pw-' + name, 'mydb').close()
                copied = 'copied from the cache' in caplog.text
                assert copied == (name == 'second')
                assert len(os.listdir(cache)) == 1
    finally:
        CONF.clear_override('datadir_cache_path', group='guest_agent')
        shutil.rmtree(cache, ignore_errors=True)
