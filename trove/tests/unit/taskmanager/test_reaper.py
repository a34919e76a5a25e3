import datetime

from oslo_utils import timeutils

from trove.db.api import datastores as ds_api
from trove.db.api import instances as instances_api
from trove.instance.status import Task as T
from trove.taskmanager import reaper
from trove.tests.unit import doubles


def _instance(seconds_left):
    ds_api.upsert_datastore('mariadb')
    version = ds_api.upsert_version('mariadb', '10.11', 'mariadb')
    return instances_api.create_instance(
        'proj', 'db1', '2', 1, version.id, 'key',
        timeutils.utcnow() + datetime.timedelta(seconds=seconds_left))


def test_expired_build_goes_to_error_with_a_fault(control_db):
    instance = _instance(-1)
    reaper.Reaper(doubles.compute_driver())()
    found = instances_api.get_instance('proj', instance.id)
    assert found.task_status == T.BUILDING_ERROR
    assert 'did not become ready' in found.faults[0].message


def test_build_within_its_deadline_is_left_alone(control_db):
    instance = _instance(60)
    reaper.Reaper(doubles.compute_driver())()
    found = instances_api.get_instance('proj', instance.id)
    assert found.task_status == T.BUILDING
    assert found.faults == []


def test_expired_delete_is_driven_again(control_db):
    instance = _instance(60)
    instances_api.start_task(instance.id, T.DELETING,
                             timeutils.utcnow()
                             - datetime.timedelta(seconds=1),
                             allowed_tasks=(T.BUILDING,))
    driver = doubles.compute_driver()
    reaper.Reaper(driver)()
    driver.delete_server.assert_called_once_with(instance.id)
    assert instances_api.list_instances('proj') == []


def test_build_whose_guest_died_fails_before_its_deadline(control_db):
    instance = _instance(60)
    instances_api.set_server(instance.id, instance.id, '127.0.0.9')
    driver = doubles.compute_driver()
    driver.power_state.return_value = 'SHUTDOWN'
    reaper.Reaper(driver)()
    found = instances_api.get_instance('proj', instance.id)
    assert found.task_status == T.BUILDING_ERROR
    assert 'guest agent stopped' in found.faults[0].message
    # An ERROR instance holds nothing on the host.
    driver.delete_server.assert_called_once_with(instance.id)
    assert (found.compute_id, found.address) == (None, None)


def test_build_on_a_server_the_cloud_failed_names_the_clouds_fault(
        control_db):
    instance = _instance(60)
    instances_api.set_server(instance.id, 'server-1', '10.0.0.9')
    driver = doubles.compute_driver(power_state='SHUTDOWN')
    driver.get_server_details.return_value = {
        'host': None, 'power_state': 'SHUTDOWN',
        'fault': 'Instance failed to spawn'}
    reaper.Reaper(driver)()
    found = instances_api.get_instance('proj', instance.id)
    assert found.task_status == T.BUILDING_ERROR
    assert 'The compute service says: Instance failed to spawn' in \
        found.faults[0].message
    driver.delete_server.assert_called_once_with(instance.id)


def test_build_with_a_running_guest_is_left_alone(control_db):
    instance = _instance(60)
    instances_api.set_server(instance.id, instance.id, '127.0.0.9')
    driver = doubles.compute_driver()
    driver.power_state.return_value = 'RUNNING'
    reaper.Reaper(driver)()
    assert instances_api.get_instance('proj', instance.id).task_status == \
        T.BUILDING


def _expired_restart(service_status):
    instance = _instance(60)
    instances_api.update_service_status(instance.id, service_status, 1.0)
    instances_api.start_task(instance.id, T.REBOOTING,
                             timeutils.utcnow()
                             - datetime.timedelta(seconds=1),
                             allowed_tasks=(T.BUILDING,))
    return instance


def test_expired_restart_of_healthy_engine_ends_quietly(control_db):
    instance = _expired_restart('HEALTHY')
    driver = doubles.compute_driver()
    reaper.Reaper(driver)()
    driver.start_server.assert_called_once_with(instance.id)
    found = instances_api.get_instance('proj', instance.id)
    assert found.task_status == T.NONE
    assert found.faults == []


def test_expired_restart_of_stopped_engine_is_started_and_reported(
        control_db):
    instance = _expired_restart('SHUTDOWN')
    driver = doubles.compute_driver()
    reaper.Reaper(driver)()
    driver.start_server.assert_called_once_with(instance.id)
    found = instances_api.get_instance('proj', instance.id)
    assert found.task_status == T.NONE
    assert 'did not finish in time' in found.faults[0].message
