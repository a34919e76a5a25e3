"""The control DB layer (migrations and trove.db.api) on every backend:
SQLite, MariaDB and PostgreSQL (see conftest.py: ``db_backend``)."""
import datetime
import threading
import time

from oslo_utils import timeutils
import pytest

from trove.common import exception
from trove.db.api import datastores as ds_api
from trove.db.api import flavors as flavors_api
from trove.db.api import heartbeats
from trove.db.api import instance_configurations
from trove.db.api import instances as instances_api
from trove.instance.status import ServiceStatus as S
from trove.instance.status import Task as T


def _later(seconds=60):
    return timeutils.utcnow() + datetime.timedelta(seconds=seconds)


def _version():
    ds_api.upsert_datastore('mariadb')
    return ds_api.upsert_version('mariadb', '10.11', 'mariadb')


def _create(project_id='proj-a', name='db1', volume_size=1, version=None,
            deadline=None):
    version = version or _version()
    return instances_api.create_instance(
        project_id, name, '2', volume_size, version.id, 'encrypted-key',
        deadline or _later())


# -- datastores and flavors ---------------------------------------------------

def test_datastores_and_versions_upsert_and_get(schema):
    datastore = ds_api.upsert_datastore('mariadb')
    version = ds_api.upsert_version('mariadb', '10.11', 'mariadb',
                                    image_id='img-1', packages='pkg')
    ds_api.upsert_version('mariadb', '10.6', 'mariadb', active=False)
    updated = ds_api.upsert_datastore('mariadb', default_version_name='10.11')
    assert updated.id == datastore.id

    for key in (datastore.id, 'mariadb'):
        found = ds_api.get_datastore(key)
        assert (found.id, found.name) == (datastore.id, 'mariadb')
        assert found.default_version_id == version.id
    for key in (version.id, '10.11'):
        found = ds_api.get_version(datastore.id, key)
        assert found.id == version.id
        assert (found.manager, found.image_id, found.packages,
                found.version, found.active) == (
            'mariadb', 'img-1', 'pkg', '10.11', True)
        assert found.datastore.name == 'mariadb'
    assert ds_api.get_version_by_id(version.id).name == '10.11'
    assert [v.name for v in ds_api.list_versions(datastore.id)] == ['10.11']
    assert [v.name for v in ds_api.list_versions(
        datastore.id, only_active=False)] == ['10.11', '10.6']

    # Upserting again changes the row in place; its image stays unless
    # given (register_local upserts at every start).
    again = ds_api.upsert_version('mariadb', '10.11', 'mysql', active=False)
    assert again.id == version.id
    found = ds_api.get_version_by_id(version.id)
    assert (found.manager, found.image_id, found.active) == (
        'mysql', 'img-1', False)
    ds_api.upsert_version('mariadb', '10.11', 'mysql', image_id=None)
    assert ds_api.get_version_by_id(version.id).image_id is None

    ds_api.upsert_datastore('postgresql')
    assert [d.name for d in ds_api.list_datastores()] == [
        'mariadb', 'postgresql']
    with pytest.raises(exception.DatastoreNotFound):
        ds_api.get_datastore('redis')
    with pytest.raises(exception.DatastoreNotFound):
        ds_api.upsert_version('redis', '7', 'redis')
    with pytest.raises(exception.DatastoreVersionNotFound):
        ds_api.get_version(datastore.id, '99')
    with pytest.raises(exception.DatastoreVersionNotFound):
        ds_api.get_version_by_id('no-such-id')
    with pytest.raises(exception.DatastoreVersionNotFound):
        ds_api.upsert_datastore('mariadb', default_version_name='99')


def test_flavors_upsert_get_and_list(schema):
    flavors_api.upsert_flavor(2, 'medium', 1024, 2, 10)
    flavors_api.upsert_flavor('1', 'small', 512, 1)
    flavors_api.upsert_flavor('3', 'large', 4096, 4, 40)

    found = flavors_api.get_flavor(2)
    assert (found.id, found.name, found.ram, found.vcpus, found.disk) == (
        '2', 'medium', 1024, 2, 10)
    assert flavors_api.get_flavor('1').disk == 0
    assert [f.id for f in flavors_api.list_flavors()] == ['1', '2', '3']

    flavors_api.upsert_flavor(3, 'tiny', 256, 1)
    assert flavors_api.get_flavor(3).name == 'tiny'
    assert [f.id for f in flavors_api.list_flavors()] == ['3', '1', '2']
    with pytest.raises(exception.FlavorNotFound):
        flavors_api.get_flavor(42)


# -- instances ----------------------------------------------------------------

def test_instance_is_scoped_by_project(schema):
    instance = _create(name='Ünïcødé 数据库')
    found = instances_api.get_instance('proj-a', instance.id)
    assert found.name == 'Ünïcødé 数据库'
    assert (found.task_status, found.volume_size, found.flavor_id,
            found.encrypted_key) == (T.BUILDING, 1, '2', 'encrypted-key')
    assert found.datastore_version.datastore.name == 'mariadb'
    assert found.service_status.status == S.NEW
    assert found.faults == []
    # The control plane sees every project.
    assert instances_api.get_instance(None, instance.id).id == instance.id

    with pytest.raises(exception.InstanceNotFound):
        instances_api.get_instance('proj-b', instance.id)
    with pytest.raises(exception.InstanceNotFound):
        instances_api.get_instance('proj-a', 'no-such-id')
    assert instances_api.list_instances('proj-b') == []
    assert [i.name for i in instances_api.list_instances('proj-a')] == [
        'Ünïcødé 数据库']


def test_timestamps_keep_their_microseconds(schema):
    instance = _create()
    found = instances_api.get_instance('proj-a', instance.id)
    assert found.created == instance.created
    deadline = datetime.datetime(2030, 1, 2, 3, 4, 5, 678901)
    instances_api.start_task(instance.id, T.DELETING, deadline,
                             allowed_tasks=(T.BUILDING,))
    found = instances_api.get_instance('proj-a', instance.id)
    assert found.task_deadline == deadline


def test_list_pages_oldest_first(schema):
    version = _version()
    created = [_create(name='db%d' % n, version=version).id
               for n in range(7)]
    _create(project_id='proj-b', version=version)

    assert [i.id for i in instances_api.list_instances('proj-a')] == created
    pages, marker = [], None
    while True:
        page = instances_api.list_instances('proj-a', limit=3, marker=marker)
        if not page:
            break
        pages.append([i.id for i in page])
        marker = page[-1].id
    assert pages == [created[0:3], created[3:6], created[6:]]
    assert len(instances_api.list_instances(None)) == 8

    other = instances_api.list_instances('proj-b')[0]
    with pytest.raises(exception.BadRequest):
        instances_api.list_instances('proj-a', marker=other.id)
    with pytest.raises(exception.BadRequest):
        instances_api.list_instances('proj-a', marker='no-such-id')


def test_only_one_of_two_racing_start_tasks_wins(schema):
    version = _version()
    for _ in range(5):
        instance = _create(version=version)
        barrier = threading.Barrier(2)
        results = []

        def take(task):
            barrier.wait()
            results.append(instances_api.start_task(
                instance.id, task, _later(), allowed_tasks=(T.BUILDING,)))
        threads = [threading.Thread(target=take, args=(task,))
                   for task in (T.DELETING, T.REBOOTING)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert sorted(results) == [False, True]
        found = instances_api.get_instance('proj-a', instance.id)
        assert found.task_status in (T.DELETING, T.REBOOTING)


def test_start_and_end_task(schema):
    instance = _create()
    # BUILDING is not NONE: nothing else may start.
    assert not instances_api.start_task(instance.id, T.RESIZING, _later())
    assert instances_api.end_task(instance.id, T.BUILDING)
    found = instances_api.get_instance('proj-a', instance.id)
    assert (found.task_status, found.task_deadline) == (T.NONE, None)
    assert not instances_api.end_task(instance.id, T.BUILDING)

    assert instances_api.start_task(instance.id, T.RESIZING, _later())
    assert not instances_api.start_task(instance.id, T.REBOOTING, _later())
    assert instances_api.end_task(instance.id, T.RESIZING,
                                  new_task=T.BUILDING_ERROR)
    found = instances_api.get_instance('proj-a', instance.id)
    assert found.task_status == T.BUILDING_ERROR
    assert not instances_api.start_task('no-such-id', T.DELETING, _later())


def test_set_server(schema):
    instance = _create()
    addresses = [{'address': '127.77.0.5', 'type': 'private',
                  'network': 'local'}]
    instances_api.set_server(instance.id, 'server-1', '127.77.0.5',
                             addresses=addresses, host={'host': 'h1'})
    found = instances_api.get_instance('proj-a', instance.id)
    assert (found.compute_id, found.address) == ('server-1', '127.77.0.5')
    assert instances_api.server_addresses(found) == addresses
    assert instances_api.server_host(found) == {'host': 'h1'}
    instances_api.clear_server(instance.id)
    found = instances_api.get_instance('proj-a', instance.id)
    assert (found.compute_id, found.address) == (None, None)
    assert instances_api.server_addresses(found) is None
    assert instances_api.server_host(found) == {}


def test_heartbeats_older_than_the_stored_one_are_dropped(schema):
    instance = _create()
    # Guest clock times as the guests send them (time.time()): the
    # column must tell apart heartbeats a fraction of a second apart.
    sent = time.time()
    assert instances_api.update_service_status(instance.id, S.BUILD, sent)
    assert instances_api.update_service_status(instance.id, S.HEALTHY,
                                               sent + 0.5)
    assert not instances_api.update_service_status(instance.id, S.SHUTDOWN,
                                                   sent + 0.25)
    assert not instances_api.update_service_status(instance.id, S.SHUTDOWN,
                                                   sent + 0.5)
    found = instances_api.get_instance('proj-a', instance.id)
    assert found.service_status.status == S.HEALTHY
    assert found.service_status.last_sent == sent + 0.5
    assert instances_api.update_service_status(instance.id, S.SHUTDOWN,
                                               sent + 0.75)
    found = instances_api.get_instance('proj-a', instance.id)
    assert found.service_status.status == S.SHUTDOWN
    assert not instances_api.update_service_status('no-such-id', S.HEALTHY,
                                                   sent)


def test_heartbeats_stored_together_each_get_their_outcome(schema):
    building, active = _create(), _create()
    instances_api.end_task(active.id, T.BUILDING)
    outcomes = heartbeats.record_heartbeats([
        (building.id, S.HEALTHY, 10.0, T.NONE),
        (active.id, S.HEALTHY, 10.0, T.NONE),
        (active.id, S.SHUTDOWN, 9.0, None),          # older: dropped
        ('no-such-id', S.HEALTHY, 10.0, T.NONE)])
    assert outcomes == [(True, T.BUILDING), (True, None), (False, None),
                        (False, None)]
    assert instances_api.get_instance(
        'proj-a', building.id).task_status == T.NONE
    assert instances_api.get_instance(
        'proj-a', active.id).service_status.status == S.HEALTHY


def test_conductors_writing_overlapping_batches_all_succeed(schema):
    # Two conductors on one MariaDB/PostgreSQL control DB: batches of the
    # same instances, arriving in opposite orders, must not deadlock.
    version = _version()
    ids = [_create('proj-%d' % n, version=version).id for n in range(20)]
    errors = []

    def conductor(order, offset):
        try:
            for round_ in range(15):
                sent = round_ * 2.0 + offset
                heartbeats.record_heartbeats(
                    [(i, S.HEALTHY, sent, None) for i in order])
        except Exception as error:  # what the conductor would log
            errors.append(error)

    threads = [threading.Thread(target=conductor, args=(ids, 0.0)),
               threading.Thread(target=conductor, args=(ids[::-1], 1.0))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for n, instance_id in enumerate(ids):
        found = instances_api.get_instance('proj-%d' % n, instance_id)
        assert found.service_status.last_sent == 29.0


def test_healthy_after_the_restart_ends_a_power_cycle(schema):
    resized, rebooting = _create(), _create()
    for instance in (resized, rebooting):
        instances_api.end_task(instance.id, T.BUILDING)
    instances_api.start_task(resized.id, T.RESIZING, _later())
    instances_api.start_task(rebooting.id, T.REBOOTING, _later())
    # Not started again yet: the old guest's word ends nothing.
    assert heartbeats.record_heartbeats(
        [(resized.id, S.HEALTHY, 1.0, None)]) == [(True, None)]
    assert instances_api.mark_restarted(resized.id, T.RESIZING)
    assert not instances_api.mark_restarted(resized.id, T.REBOOTING)
    # A configuration change that waits for the restart.
    instance_configurations.attach(resized.id, None)
    instance_configurations.mark_applied(resized.id, 1, True)
    assert instance_configurations.get_state(resized.id).restart_required
    outcomes = heartbeats.record_heartbeats([
        (resized.id, S.BUILD, 2.0, None),       # back, not healthy yet
        (resized.id, S.HEALTHY, 3.0, None),
        (rebooting.id, S.HEALTHY, 3.0, None)])  # not restarted: goes on
    assert outcomes == [(True, None), (True, T.RESIZING), (True, None)]
    found = instances_api.get_instance('proj-a', resized.id)
    assert (found.task_status, found.task_deadline,
            found.task_restarted) == (T.NONE, None, None)
    assert not instance_configurations.get_state(
        resized.id).restart_required
    assert instances_api.get_instance(
        'proj-a', rebooting.id).task_status == T.REBOOTING


def test_faults_are_loaded_newest_first(schema):
    instance = _create()
    instances_api.record_fault(instance.id, 'first', 'trace 1')
    instances_api.record_fault(instance.id, 'é' * 2000)
    instances_api.record_fault(instance.id, 'last', 'trace 3')
    found = instances_api.get_instance('proj-a', instance.id)
    assert [f.message for f in found.faults] == ['last', 'é' * 1024, 'first']
    assert found.faults[0].details == 'trace 3'
    assert found.faults[1].details is None


def test_list_expired_tasks(schema):
    version = _version()
    now = timeutils.utcnow()
    expired = _create(name='expired', version=version, deadline=_later(-5))
    _create(name='in-time', version=version, deadline=_later(60))
    ended = _create(name='ended', version=version, deadline=_later(-5))
    instances_api.end_task(ended.id, T.BUILDING)
    gone = _create(name='gone', version=version, deadline=_later(-5))
    instances_api.mark_deleted(gone.id)
    other = _create(project_id='proj-b', name='other', version=version,
                    deadline=_later(-5))

    found = instances_api.list_expired_tasks(now)
    assert sorted(i.id for i in found) == sorted([expired.id, other.id])
    assert instances_api.list_expired_tasks(now - datetime.timedelta(
        seconds=60)) == []


def test_mark_deleted_hides_the_instance(schema):
    version = _version()
    instance = _create(name='doomed', version=version)
    kept = _create(name='kept', version=version)
    instances_api.mark_deleted(instance.id)

    with pytest.raises(exception.InstanceNotFound):
        instances_api.get_instance('proj-a', instance.id)
    assert [i.id for i in instances_api.list_instances('proj-a')] == [kept.id]
    assert not instances_api.start_task(instance.id, T.DELETING, _later(),
                                        allowed_tasks=(T.NONE, T.BUILDING))

    found = instances_api.get_instance('proj-a', instance.id,
                                       include_deleted=True)
    assert found.deleted is True
    assert found.deleted_at is not None
    assert (found.task_status, found.task_deadline) == (T.NONE, None)
    assert len(instances_api.list_instances('proj-a',
                                            include_deleted=True)) == 2
