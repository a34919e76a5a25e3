"""A Redis instance through python-troveclient and the real service:
root enabled through the API, a real login with its password, no
databases, then deleted."""
import os

import pytest
import redis
from troveclient import exceptions

from trove.guestagent.datastores.redis import client as redis_client
from trove.tests.functional import waiters


@pytest.fixture(scope='module')
def redis_version(trove):
    versions = trove.datastore_versions.list('redis')
    assert versions, 'quickstart registered no Redis version'
    return versions[0].name


@pytest.fixture(scope='module')
def active_instance(trove, redis_version):
    flavor = [f for f in trove.flavors.list() if f.name == 'db.tiny'][0]
    instance = trove.instances.create(
        'redis1', flavor.id, volume={'size': 1}, datastore='redis',
        datastore_version=redis_version)
    yield waiters.wait_for_status(trove, instance.id, ['ACTIVE', 'ERROR'])
    try:
        trove.instances.delete(instance.id)
        waiters.wait_until_gone(trove, instance.id)
    except exceptions.NotFound:
        pass


def _connect(instance, password):
    client = redis.Redis(host=instance.ip[0], port=6379, password=password,
                         socket_timeout=5, retry=redis_client.NO_RETRY)
    client.ping()
    return client


def test_instance_becomes_active(active_instance):
    assert active_instance.status == 'ACTIVE', getattr(
        active_instance, 'fault', None)
    assert active_instance.operating_status == 'HEALTHY'


def test_no_login_before_root_is_enabled(active_instance):
    with pytest.raises(redis.AuthenticationError):
        _connect(active_instance, 'anything')


def test_root_enable_gives_a_working_password(trove, active_instance):
    _name, password = trove.root.create(active_instance)
    client = _connect(active_instance, password)
    client.set('key', 'value')
    assert client.get('key') == b'value'


def test_databases_are_not_supported(trove, active_instance):
    with pytest.raises(exceptions.BadRequest) as refused:
        trove.databases.list(active_instance)
    assert 'does not support databases' in str(refused.value)


def test_delete_removes_everything(deployment, trove, active_instance):
    trove.instances.delete(active_instance.id)
    waiters.wait_until_gone(trove, active_instance.id)
    assert not os.path.exists(os.path.join(
        deployment.state_dir, 'instances', active_instance.id))
    with pytest.raises(redis.ConnectionError):
        _connect(active_instance, 'anything')
