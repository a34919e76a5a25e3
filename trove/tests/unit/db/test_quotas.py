"""Quotas on every backend: limits, usage taken in the transaction that
records an instance, released once on delete, reservations of volume
growth, and no overshoot under concurrent creates."""
import datetime
import threading

from oslo_utils import timeutils
import pytest
import sqlalchemy as sa

from trove.common import exception
from trove.conf import CONF
from trove.db.api import datastores as ds_api
from trove.db.api import instances as instances_api
from trove.db.api import quota_reservations
from trove.db.api import quotas
from trove.db import migration
from trove.db import models
from trove.db import session as db_session


@pytest.fixture
def schema(db_backend):
    migration.upgrade()
    return db_backend


@pytest.fixture
def version(schema):
    ds_api.upsert_datastore('mariadb')
    return ds_api.upsert_version('mariadb', '10.11', 'mariadb')


def _create(version, project_id='proj-a', volume_size=1, name='db1'):
    return instances_api.create_instance(
        project_id, name, '2', volume_size, version.id, 'encrypted-key',
        timeutils.utcnow() + datetime.timedelta(seconds=60))


def _instances(project_id='proj-a'):
    return instances_api.list_instances(project_id)


def test_limits_are_the_defaults_until_set(schema):
    assert quotas.get_limits('proj-a') == {
        'instances': 10, 'volumes': 40, 'backups': 50}
    assert quotas.set_limits('proj-a', {'instances': 2, 'backups': -1}) == {
        'instances': 2, 'backups': -1}
    quotas.set_limits('proj-a', {'instances': 3})
    assert quotas.get_limits('proj-a') == {
        'instances': 3, 'volumes': 40, 'backups': -1}
    assert quotas.get_limits('proj-b')['instances'] == 10
    with pytest.raises(exception.QuotaResourceUnknown):
        quotas.set_limits('proj-a', {'cpus': 1})


def test_usage_follows_creates_and_deletes(version):
    assert quotas.get_usages('proj-a') == {
        'instances': (0, 0), 'volumes': (0, 0), 'backups': (0, 0)}
    first = _create(version, volume_size=2)
    _create(version, volume_size=3)
    _create(version, project_id='proj-b', volume_size=5)
    usages = quotas.get_usages('proj-a')
    assert (usages['instances'], usages['volumes']) == ((2, 0), (5, 0))
    assert quotas.count_usage('proj-a') == (2, 5)

    assert instances_api.mark_deleted(first.id)
    # A second delete (a re-driven one) gives nothing back twice.
    assert not instances_api.mark_deleted(first.id)
    usages = quotas.get_usages('proj-a')
    assert (usages['instances'], usages['volumes']) == ((1, 0), (3, 0))
    assert quotas.count_usage('proj-a') == (1, 3)
    assert quotas.get_usages('proj-b')['volumes'] == (5, 0)
    _create(version, volume_size=None, name='no-volume')
    count, volume = quotas.count_usage('proj-a')
    assert (count, volume) == (2, 3)
    assert isinstance(count, int) and isinstance(volume, int)


def test_over_quota_records_nothing_and_names_the_resources(version):
    quotas.set_limits('proj-a', {'instances': 1, 'volumes': 2})
    _create(version, volume_size=2)
    with pytest.raises(exception.QuotaExceeded) as refused:
        _create(version, volume_size=1)
    assert 'instances, volumes' in str(refused.value)
    assert refused.value.code == 413
    assert len(_instances()) == 1
    assert quotas.get_usages('proj-a')['instances'] == (1, 0)

    quotas.set_limits('proj-a', {'instances': -1})
    with pytest.raises(exception.QuotaExceeded) as refused:
        _create(version, volume_size=1)
    assert 'volumes' in str(refused.value)
    assert 'instances' not in str(refused.value)
    quotas.set_limits('proj-a', {'volumes': -1})
    _create(version, volume_size=10)
    assert len(_instances()) == 2


def test_usage_rows_start_from_the_instances_already_there(version):
    """A project whose instances predate its usage rows (an upgrade) has
    them counted when its rows are made."""
    _create(version, volume_size=4)
    with db_session.transaction() as session:
        session.execute(sa.delete(models.QuotaUsage))
    quotas.ensure_usage_rows('proj-a')
    usages = quotas.get_usages('proj-a')
    assert (usages['instances'], usages['volumes']) == ((1, 0), (4, 0))


def test_concurrent_creates_never_overshoot(version):
    CONF.set_override('max_instances_per_tenant', 5)
    barrier = threading.Barrier(20)
    outcomes = []

    def create(n):
        barrier.wait()
        try:
            _create(version, name='db%d' % n)
            outcomes.append('created')
        except exception.QuotaExceeded:
            outcomes.append('refused')
        except Exception as error:  # reported below, with the backend
            outcomes.append(repr(error))

    threads = [threading.Thread(target=create, args=(n,)) for n in range(20)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
    finally:
        CONF.clear_override('max_instances_per_tenant')
    assert sorted(outcomes) == ['created'] * 5 + ['refused'] * 15
    assert len(_instances()) == 5
    assert quotas.get_usages('proj-a')['instances'] == (5, 0)


def test_volume_growth_is_reserved_then_committed(version):
    quotas.set_limits('proj-a', {'volumes': 5})
    instance = _create(version, volume_size=2)
    quota_reservations.reserve(instance.id, 'proj-a', {'volumes': 2})
    assert quotas.get_usages('proj-a')['volumes'] == (2, 2)
    # What is reserved counts against the limit.
    with pytest.raises(exception.QuotaExceeded):
        _create(version, volume_size=2)
    assert quota_reservations.commit_volume_size(instance.id, 4)
    assert quotas.get_usages('proj-a')['volumes'] == (4, 0)
    assert instances_api.get_instance('proj-a', instance.id).volume_size == 4
    assert quotas.count_usage('proj-a') == (1, 4)


def test_released_reservation_is_given_back_once(version):
    instance = _create(version, volume_size=2)
    quota_reservations.reserve(instance.id, 'proj-a', {'volumes': 3})
    quota_reservations.release(instance.id)
    quota_reservations.release(instance.id)
    assert quotas.get_usages('proj-a')['volumes'] == (2, 0)
    quotas.set_limits('proj-a', {'volumes': 3})
    with pytest.raises(exception.QuotaExceeded):
        quota_reservations.reserve(instance.id, 'proj-a', {'volumes': 2})
    assert quotas.get_usages('proj-a')['volumes'] == (2, 0)


def test_delete_gives_back_usage_and_reservations(version):
    instance = _create(version, volume_size=2)
    quota_reservations.reserve(instance.id, 'proj-a', {'volumes': 3})
    instances_api.mark_deleted(instance.id)
    assert quotas.get_usages('proj-a') == {
        'instances': (0, 0), 'volumes': (0, 0), 'backups': (0, 0)}
    # A resize that ends after the delete changes nothing.
    assert not quota_reservations.commit_volume_size(instance.id, 5)
    assert quotas.get_usages('proj-a')['volumes'] == (0, 0)
