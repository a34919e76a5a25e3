"""The taskmanager's side of backups: handing a NEW backup to its guest
with a fresh data key, the reaper failing stuck backups, deletes, and the
chain a restore gets; and the conductor storing the guest's reports."""
import datetime
import json
from unittest import mock

from oslo_utils import timeutils
import pytest

from trove.backup import keys as backup_keys
from trove.backup.state import BackupState as B
from trove.backup.storage import local
from trove.conf import CONF
from trove.db.api import backups as backups_db
from trove.db.api import datastores as ds_api
from trove.db.api import instances as instances_api
from trove.instance import keys
from trove.instance.status import Task as T
from trove.taskmanager.flows import backups as flows
from trove.taskmanager import reaper
from trove.tests.unit.conductor import signed
from trove.tests.unit import doubles


@pytest.fixture
def backup_conf(control_db, tmp_path):
    CONF.set_override('encryption_key', 'unit-backup-master', group='backup')
    CONF.set_override('local_storage_path', str(tmp_path / 'store'),
                      group='backup')
    yield tmp_path / 'store'
    CONF.clear_override('encryption_key', group='backup')
    CONF.clear_override('local_storage_path', group='backup')


def _backup(seconds_left=60, parent_id=None, status=None):
    ds_api.upsert_datastore('mariadb')
    version = ds_api.upsert_version('mariadb', '10.11', 'mariadb')
    _, encrypted_key = keys.new_encrypted_key()
    instance = instances_api.create_instance(
        'proj', 'db1', '2', 1, version.id, encrypted_key, None)
    instances_api.end_task(instance.id, T.BUILDING)
    deadline = timeutils.utcnow() + datetime.timedelta(seconds=seconds_left)
    instances_api.start_task(instance.id, T.BACKUP, deadline)
    backup = backups_db.create_backup(
        {'name': 'b', 'project_id': 'proj', 'instance_id': instance.id,
         'datastore_version_id': version.id, 'deadline': deadline,
         'storage_driver': 'local', 'container': 'database_backups'},
        parent_id=parent_id)
    return backup


@pytest.fixture
def guest():
    with mock.patch('trove.guestagent.rpcapi.GuestAPI',
                    autospec=True) as cls:
        yield cls.return_value


def test_create_hands_the_backup_and_its_key_to_the_guest(backup_conf,
                                                          guest):
    backup = _backup()
    flows.create(mock.Mock(), backup.id)
    found = backups_db.get_backup(None, backup.id)
    assert found.status == B.BUILDING
    (info,), _ = guest.create_backup.call_args
    assert info['id'] == backup.id
    assert info['object_name'] == found.object_name
    assert found.object_name.startswith(backup.id + '.xbstream.')
    assert backup_keys.unwrap(found.wrapped_key) == info['data_key']
    assert info['storage'] == {'driver': 'local',
                               'path': str(backup_conf)}
    assert found.location == 'file://%s/database_backups/%s' % (
        backup_conf, found.object_name)
    # A repeated cast does not start it twice.
    flows.create(mock.Mock(), backup.id)
    assert guest.create_backup.call_count == 1


def test_a_guest_that_cannot_be_reached_fails_the_backup(backup_conf,
                                                         guest):
    guest.create_backup.side_effect = RuntimeError('no guest')
    backup = _backup()
    flows.create(mock.Mock(), backup.id)
    assert backups_db.get_backup(None, backup.id).status == B.FAILED
    assert instances_api.get_instance(
        None, backup.instance_id).task_status == T.NONE


def test_reaper_fails_stuck_backups_and_frees_the_instance(backup_conf,
                                                           guest):
    backup = _backup(seconds_left=-1)
    flows.create(mock.Mock(), backup.id)
    # The guest wrote part of it, then died.
    store = local.LocalStorage('database_backups', root=str(backup_conf))
    name = backups_db.get_backup(None, backup.id).object_name
    store.put(name, iter([b'partial']))
    reaper.Reaper(doubles.compute_driver())()
    found = backups_db.get_backup(None, backup.id)
    assert found.status == B.FAILED
    assert 'did not finish in time' in found.fault
    assert not store.exists(name)
    assert instances_api.get_instance(
        None, backup.instance_id).task_status == T.NONE
    # A late report of the dead guest changes nothing.
    signed.AsGuest().update_backup(
        None, backup.id, {'status': B.COMPLETED, 'size': 1,
                          'checksum': 'x'}, 99.0)
    assert backups_db.get_backup(None, backup.id).status == B.FAILED


def test_reaper_fails_a_backup_whose_guest_died(backup_conf, guest):
    backup = _backup(seconds_left=600)
    instances_api.set_server(backup.instance_id, backup.instance_id, '1.2.3.4')
    driver = doubles.compute_driver()
    driver.power_state.return_value = 'SHUTDOWN'
    reaper.Reaper(driver)()
    assert backups_db.get_backup(None, backup.id).status == B.FAILED
    assert instances_api.get_instance(
        None, backup.instance_id).task_status == T.NONE


def test_running_backup_within_its_deadline_is_left_alone(backup_conf):
    backup = _backup(seconds_left=600)
    reaper.Reaper(mock.Mock(**{'power_state.return_value': 'RUNNING'}))()
    assert backups_db.get_backup(None, backup.id).status == B.NEW


def test_conductor_stores_reports_in_order_and_ends_the_task(backup_conf):
    backup = _backup()
    conductor = signed.AsGuest()
    conductor.update_backup(None, backup.id, {'status': B.BUILDING}, 5.0)
    conductor.update_backup(None, backup.id, {
        'status': B.COMPLETED, 'size': 10, 'checksum': 'c' * 64,
        'data_size': 30, 'meta': {'to_lsn': '9'}}, 7.0)
    # Older than the stored report: dropped.
    conductor.update_backup(None, backup.id, {'status': B.BUILDING}, 6.0)
    found = backups_db.get_backup(None, backup.id)
    assert (found.status, found.size, found.data_size) == (B.COMPLETED, 10,
                                                           30)
    assert json.loads(found.meta) == {'to_lsn': '9'}
    assert found.deadline is None
    assert instances_api.get_instance(
        None, backup.instance_id).task_status == T.NONE


def test_completed_without_checksum_is_failed(backup_conf):
    backup = _backup()
    signed.AsGuest().update_backup(
        None, backup.id, {'status': B.COMPLETED, 'size': 10}, 5.0)
    assert backups_db.get_backup(None, backup.id).status == B.FAILED


def test_delete_removes_objects_then_the_record(backup_conf, guest):
    backup = _backup()
    flows.create(mock.Mock(), backup.id)
    name = backups_db.get_backup(None, backup.id).object_name
    store = local.LocalStorage('database_backups', root=str(backup_conf))
    store.put(name, iter([b'data']))
    store.put_metadata(name, {})
    backups_db.set_state(backup.id, B.COMPLETED, (B.BUILDING,))
    backups_db.set_state(backup.id, B.DELETING, B.DELETABLE)
    flows.delete(backup.id)
    assert not store.exists(name)
    with pytest.raises(backups_db.BackupNotFound):
        backups_db.get_backup(None, backup.id)


def test_failed_delete_is_delete_failed(backup_conf, guest):
    backup = _backup()
    flows.create(mock.Mock(), backup.id)
    backups_db.set_state(backup.id, B.DELETING, (B.BUILDING,))
    with mock.patch.object(local.LocalStorage, 'delete',
                           side_effect=OSError('read-only')):
        flows.delete(backup.id)
    found = backups_db.get_backup(None, backup.id)
    assert found.status == B.DELETE_FAILED
    assert 'read-only' in found.fault


def test_restore_info_is_the_chain_full_first(backup_conf, guest):
    full = _backup()
    flows.create(mock.Mock(), full.id)
    backups_db.set_state(full.id, B.COMPLETED, (B.BUILDING,),
                         checksum='f' * 64)
    child = backups_db.create_backup(
        {'name': 'c', 'project_id': 'proj', 'instance_id': full.instance_id,
         'datastore_version_id': full.datastore_version_id,
         'storage_driver': 'local', 'container': 'database_backups'},
        parent_id=full.id)
    flows.create(mock.Mock(), child.id)
    (child_info,), _ = guest.create_backup.call_args
    assert child_info['parent']['id'] == full.id
    assert 'data_key' not in child_info['parent']
    info = flows.restore_info(child.id)
    assert [link['id'] for link in info['chain']] == [full.id, child.id]
    assert info['chain'][1]['data_key'] == child_info['data_key']
    assert info['chain'][0]['checksum'] == 'f' * 64


def test_reaper_hands_over_a_backup_no_taskmanager_started(
        backup_conf, guest):
    # The API recorded it and cast it to a taskmanager that died.
    backup = _backup()
    reaper.Reaper(doubles.compute_driver())()
    assert backups_db.get_backup(None, backup.id).status == B.NEW
    later = timeutils.utcnow() + datetime.timedelta(
        seconds=CONF.backup.handoff_timeout + 1)
    flows.reap(doubles.compute_driver(), now=later)
    assert backups_db.get_backup(None, backup.id).status == B.BUILDING
    (info,), _ = guest.create_backup.call_args
    assert info['id'] == backup.id
