"""RedisDatastore against a real redis-server (run as root, no RabbitMQ):
prepare, logins as the created users, every admin operation checked with
a real login, stop/start."""
import shutil
import socket
import time

import pytest
import redis

from trove.common import exception
from trove.guestagent.datastores.common import process as common_process
from trove.guestagent.datastores.redis import client as client_module
from trove.guestagent.datastores.redis import engine as redis_engine
from trove.instance.status import ServiceStatus
from trove.tests.functional.guestagent import engines

ADDRESS = '127.79.0.4'

pytestmark = engines.needs_root_and(shutil.which('redis-server'))


@pytest.fixture
def datastore():
    with engines.temporary_datastore(redis_engine.RedisDatastore, ADDRESS,
                                     '7.0') as datastore:
        yield datastore


@pytest.fixture
def prepared(datastore):
    started = time.monotonic()
    datastore.prepare(databases=[], users=[{'name': 'myuser',
                                            'password': 'mypass'}])
    engines.print_timings('Redis prepare', time.monotonic() - started,
                          datastore.timings)
    return datastore


def connect(user, password):
    """A client's login over TCP (redis-cli -h ADDRESS --user --pass)."""
    client = redis.Redis(host=ADDRESS, port=6379, username=user,
                         password=password, socket_timeout=5,
                         retry=client_module.NO_RETRY)
    client.ping()
    return client


def refused(user, password):
    with pytest.raises(redis.AuthenticationError):
        connect(user, password)


def test_prepare_logins_and_restart(prepared):
    assert prepared.is_prepared()
    assert prepared.status() == ServiceStatus.HEALTHY
    client = connect('myuser', 'mypass')
    client.set('key', 'kept')
    # Users may not reconfigure the server (it would write files anywhere).
    with pytest.raises(redis.exceptions.NoPermissionError):
        client.config_set('dir', '/tmp')
    refused('myuser', 'wrong')
    # No anonymous access, and root (the default user) is off.
    with pytest.raises(redis.AuthenticationError):
        redis.Redis(host=ADDRESS, port=6379,
                    retry=client_module.NO_RETRY).set('a', 'b')
    refused('default', '')

    prepared.prepare(databases=[], users=[{'name': 'again',
                                           'password': 'x'}])   # no-op
    prepared.stop()
    assert prepared.status() == ServiceStatus.SHUTDOWN
    started = time.monotonic()
    prepared.start()
    print('start took %.3fs' % (time.monotonic() - started))
    assert prepared.status() == ServiceStatus.HEALTHY
    assert connect('myuser', 'mypass').get('key') == b'kept'
    refused('again', 'x')


def test_users(prepared):
    admin = prepared.admin
    admin.create_users([{'name': 'u"2;ACL', 'password': 'p w>#', 'host': '%'}])
    connect('u"2;ACL', 'p w>#').set('k', 'v')
    assert admin.list_users() == [
        {'name': 'myuser', 'host': '%', 'databases': []},
        {'name': 'u"2;ACL', 'host': '%', 'databases': []}]
    assert admin.get_user('myuser', None)['name'] == 'myuser'
    with pytest.raises(exception.Conflict):
        admin.create_users([{'name': 'myuser', 'password': 'x'}])
    with pytest.raises(exception.BadRequest):
        admin.create_users([{'name': 'default', 'password': 'x'}])
    with pytest.raises(exception.BadRequest):
        admin.create_users([{'name': 'a b', 'password': 'x'}])
    with pytest.raises(exception.NotFound):
        admin.get_user('os_admin', '%')

    admin.change_passwords([{'name': 'myuser', 'password': 'new'}])
    refused('myuser', 'mypass')
    connect('myuser', 'new')
    # A rename keeps the password unless a new one is given.
    admin.update_user('myuser', '%', new_name='renamed')
    refused('myuser', 'new')
    connect('renamed', 'new')
    admin.update_user('renamed', '%', new_password='newer')
    connect('renamed', 'newer')
    with pytest.raises(exception.Conflict):
        admin.update_user('renamed', '%', new_name='u"2;ACL')
    admin.delete_user('renamed', '%')
    refused('renamed', 'newer')
    with pytest.raises(exception.NotFound):
        admin.delete_user('renamed', '%')

    # Saved to the ACL file on the volume: a restart keeps them.
    prepared.stop()
    prepared.start()
    connect('u"2;ACL', 'p w>#')
    refused('renamed', 'newer')


def test_no_databases_or_access(prepared):
    admin = prepared.admin
    for call in (admin.list_databases,
                 lambda: admin.create_databases([{'name': 'db'}]),
                 lambda: admin.list_access('myuser', '%'),
                 lambda: admin.grant_access('myuser', '%', ['db'])):
        with pytest.raises(exception.DatastoreOperationNotSupported,
                           match='redis datastore does not support'):
            call()


def test_root(prepared):
    admin = prepared.admin
    assert admin.enable_root('rootpass') == {'name': 'default',
                                             'password': 'rootpass'}
    # What `redis-cli -h ADDRESS -a rootpass` does.
    root = redis.Redis(host=ADDRESS, port=6379, password='rootpass',
                       decode_responses=True)
    assert root.config_get('appendonly') == {'appendonly': 'yes'}
    prepared.stop()
    prepared.start()
    assert redis.Redis(host=ADDRESS, port=6379, password='rootpass').ping()
    admin.disable_root()
    refused('default', 'rootpass')
    assert prepared.status() == ServiceStatus.HEALTHY


def test_failed_start_quotes_the_error_log(datastore):
    with socket.socket() as squatter:       # the engine's port is taken
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        squatter.bind((ADDRESS, 6379))
        squatter.listen()
        with pytest.raises(common_process.EngineError,
                           match='Redis failed to start.*'):
            datastore.prepare(databases=[], users=[])
    assert not datastore.is_prepared()
    assert datastore.status() == ServiceStatus.SHUTDOWN
