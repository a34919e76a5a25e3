"""/backups, /instances/{id}/backups, /backup_strategies, and instance
create with restorePoint, through WebTest."""
import pytest

from trove.backup.state import BackupState
from trove.db.api import backups as backups_db
from trove.db.api import datastores as datastores_db
from trove.db.api import instances as instances_db
from trove.instance.status import Task
from trove.tests.unit.api.conftest import create_active_instance
from trove.tests.unit.api.conftest import create_body
from trove.tests.unit.api.conftest import OTHER_PROJECT
from trove.tests.unit.api.conftest import url

GB = 1024 ** 3


def _create(api, instance_id, status=202, **fields):
    body = {'backup': dict({'name': 'b', 'instance': instance_id}, **fields)}
    return api.post_json(url('/backups'), body, status=status)


def _complete(backup_id, data_size=10 * 1024 ** 2):
    """What the conductor stores when the guest reports success."""
    assert backups_db.report(backup_id, {
        'status': BackupState.COMPLETED, 'size': data_size // 4,
        'checksum': 'ab' * 32, 'data_size': data_size,
        'meta': '{"to_lsn": "42"}', 'deadline': None}, sent=2.0)
    backup = backups_db.get_backup(None, backup_id)
    instances_db.end_task(backup.instance_id, Task.BACKUP)


def _task(instance_id):
    return instances_db.get_instance(None, instance_id).task_status


@pytest.fixture
def completed(api, taskmanager, instance_id):
    backup_id = _create(api, instance_id).json['backup']['id']
    _complete(backup_id)
    return backup_id


def test_create_records_new_backup_and_takes_the_instance(
        api, taskmanager, instance_id):
    body = _create(api, instance_id, description='nightly').json['backup']
    assert body['status'] == 'NEW'
    assert body['instance_id'] == instance_id
    assert body['description'] == 'nightly'
    assert body['parent_id'] is None
    assert body['datastore'] == {
        'type': 'mariadb', 'version': '10.11',
        'version_id': datastores_db.get_version(
            datastores_db.get_datastore('mariadb').id, '10.11').id}
    assert taskmanager.create_backup.call_args.args[1] == body['id']
    assert _task(instance_id) == Task.BACKUP
    shown = api.get(url('/instances/%s' % instance_id)).json['instance']
    assert shown['status'] == 'BACKUP'
    # A second backup, or any action, waits for this one.
    _create(api, instance_id, status=422)


def test_show_list_and_instance_list(api, completed, instance_id):
    shown = api.get(url('/backups/%s' % completed)).json['backup']
    assert shown['status'] == 'COMPLETED'
    assert shown['size'] == pytest.approx(10 / 4 / 1024, abs=1e-6)
    assert shown['checksum'] == 'ab' * 32
    listed = api.get(url('/backups')).json
    assert [b['id'] for b in listed['backups']] == [completed]
    by_instance = api.get(url('/instances/%s/backups' % instance_id)).json
    assert [b['id'] for b in by_instance['backups']] == [completed]
    assert api.get(url('/backups?instance_id=nope')).json['backups'] == []
    api.get(url('/backups/%s' % completed, OTHER_PROJECT), status=404)
    assert api.get(url('/backups', OTHER_PROJECT)).json['backups'] == []


def test_paging_newest_first(api, taskmanager, instance_id):
    ids = []
    for _ in range(3):
        ids.append(_create(api, instance_id).json['backup']['id'])
        _complete(ids[-1])
    page = api.get(url('/backups?limit=2')).json
    assert [b['id'] for b in page['backups']] == ids[:0:-1]
    marker = page['links'][0]['href'].split('marker=')[1]
    rest = api.get(url('/backups?limit=2&marker=%s' % marker)).json
    assert [b['id'] for b in rest['backups']] == ids[:1]


def test_not_active_instance_is_422(api, taskmanager):
    building = api.post_json(url('/instances'),
                             create_body()).json['instance']['id']
    _create(api, building, status=422)
    assert not backups_db.list_backups(None)


def test_failed_cast_fails_the_backup_and_frees_the_instance(
        api, taskmanager, instance_id):
    taskmanager.create_backup.side_effect = RuntimeError('bus down')
    api.post_json(url('/backups'), {'backup': {
        'name': 'b', 'instance': instance_id}}, status=500)
    (backup,) = backups_db.list_backups(None)
    assert backup.status == BackupState.FAILED
    assert _task(instance_id) == Task.NONE


def test_incremental_needs_a_completed_parent(api, taskmanager,
                                              instance_id):
    response = _create(api, instance_id, incremental=1, status=400)
    assert 'no completed backup' in response.json['badRequest']['message']
    assert _task(instance_id) == Task.NONE


def test_incremental_on_the_newest_or_a_named_parent(api, completed,
                                                     instance_id):
    child = _create(api, instance_id, incremental=1).json['backup']
    assert child['parent_id'] == completed
    _complete(child['id'])
    named = _create(api, instance_id, parent_id=completed).json['backup']
    assert named['parent_id'] == completed


def test_parent_of_another_instance_is_400(api, completed):
    other = create_active_instance(api, name='db2')
    _create(api, other, parent_id=completed, status=400)


def test_incremental_on_postgresql_is_400(api, taskmanager):
    datastores_db.upsert_datastore('postgresql')
    datastores_db.upsert_version('postgresql', '15', 'postgresql')
    instance_id = api.post_json(url('/instances'), create_body(
        datastore={'type': 'postgresql', 'version': '15'})).json[
        'instance']['id']
    instances_db.end_task(instance_id, Task.BUILDING)
    instances_db.update_service_status(instance_id, 'HEALTHY', sent=1.0)
    full = _create(api, instance_id).json['backup']
    _complete(full['id'])
    response = _create(api, instance_id, parent_id=full['id'], status=400)
    assert response.json['badRequest']['message'] == (
        'incremental backups are not supported by postgresql 15')
    assert _task(instance_id) == Task.NONE


def test_delete_parent_is_409_until_children_go(api, completed, taskmanager,
                                                instance_id):
    child = _create(api, instance_id, parent_id=completed).json['backup']
    _complete(child['id'])
    response = api.delete(url('/backups/%s' % completed), status=409)
    assert child['id'] in response.json['conflictingRequest']['message']
    assert backups_db.get_backup(None, completed).status == 'COMPLETED'
    api.delete(url('/backups/%s' % child['id']), status=202)
    assert taskmanager.delete_backup.call_args.args[1] == child['id']
    assert backups_db.get_backup(None, child['id']).status == 'DELETING'
    backups_db.mark_deleted(child['id'])
    api.delete(url('/backups/%s' % completed), status=202)


def test_delete_running_backup_is_422(api, taskmanager, instance_id):
    backup_id = _create(api, instance_id).json['backup']['id']
    api.delete(url('/backups/%s' % backup_id), status=422)


def test_quota_counts_backups(api, taskmanager, instance_id):
    from trove.db.api import quotas
    quotas.set_limits('project-a', {'backups': 1})
    first = _create(api, instance_id).json['backup']['id']
    _complete(first)
    _create(api, instance_id, status=413)
    assert _task(instance_id) == Task.NONE
    api.delete(url('/backups/%s' % first))
    backups_db.mark_deleted(first)
    _create(api, instance_id)


def test_storage_driver_must_be_the_configured_one(api, taskmanager,
                                                   instance_id):
    _create(api, instance_id, storage_driver='cinder', status=400)


def test_import_from_a_location_is_refused(api, taskmanager):
    response = api.post_json(url('/backups'), {'backup': {
        'name': 'b', 'restore_from': {'remote_location': 'http://x'}}},
        status=400)
    assert 'restore_from' in response.json['badRequest']['message']


def test_restore_creates_instance_with_the_backup(api, completed,
                                                  taskmanager):
    body = create_body(name='restored',
                       restorePoint={'backupRef': completed})
    del body['instance']['datastore']   # the backup's is the default
    created = api.post_json(url('/instances'), body).json['instance']
    assert created['datastore']['type'] == 'mariadb'
    call = taskmanager.create_instance.call_args
    assert call.kwargs['backup_id'] == completed


def test_restore_checks_volume_datastore_and_status(api, taskmanager,
                                                    instance_id):
    backup_id = _create(api, instance_id).json['backup']['id']
    body = create_body(restorePoint={'backupRef': backup_id})
    assert 'not COMPLETED' in api.post_json(
        url('/instances'), body, status=400).json['badRequest']['message']
    _complete(backup_id, data_size=3 * GB)
    message = api.post_json(url('/instances'), body,
                            status=400).json['badRequest']['message']
    assert 'smaller than' in message
    datastores_db.upsert_datastore('postgresql')
    datastores_db.upsert_version('postgresql', '15', 'postgresql')
    body = create_body(volume={'size': 5},
                       restorePoint={'backupRef': backup_id},
                       datastore={'type': 'postgresql', 'version': '15'})
    assert 'cannot be restored' in api.post_json(
        url('/instances'), body, status=400).json['badRequest']['message']
    body = create_body(restorePoint={'backupRef': 'missing'})
    api.post_json(url('/instances'), body, status=404)
    body = create_body(restorePoint='nope')
    api.post_json(url('/instances'), body, status=400)


def test_backup_strategies(api, instance_id):
    created = api.post_json(url('/backup_strategies'), {
        'backup_strategy': {'instance_id': instance_id,
                            'swift_container': 'mine'}}).json
    assert created['backup_strategy'] == {
        'project_id': 'project-a', 'instance_id': instance_id,
        'backend': 'swift', 'swift_container': 'mine'}
    api.post_json(url('/backup_strategies'), {
        'backup_strategy': {'swift_container': 'ours'}})
    listed = api.get(url('/backup_strategies')).json['backup_strategies']
    assert {s['swift_container'] for s in listed} == {'mine', 'ours'}
    api.delete(url('/backup_strategies?instance_id=%s' % instance_id))
    listed = api.get(url('/backup_strategies')).json['backup_strategies']
    assert [s['swift_container'] for s in listed] == ['ours']
    api.get(url('/backup_strategies?project_id=%s' % OTHER_PROJECT),
            status=403)
