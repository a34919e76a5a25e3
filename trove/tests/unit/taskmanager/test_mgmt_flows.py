"""Stop (and staying stopped), reboot, and the quota side of volume
resizes, in the taskmanager: its manager, the reaper, the watchdog and the
power-on at start."""
import datetime
import itertools

from oslo_utils import timeutils
import pytest

from trove.db.api import datastores as ds_api
from trove.db.api import flavors as flavors_api
from trove.db.api import instances as instances_api
from trove.db.api import quota_reservations
from trove.db.api import quotas
from trove.instance.status import ServiceStatus as S
from trove.instance.status import Task as T
from trove.taskmanager.flows import resume_instances
from trove.taskmanager import locks
from trove.taskmanager import manager
from trove.taskmanager import reaper
from trove.taskmanager import watchdog
from trove.tests.unit import doubles

_sent = itertools.count(100)


def _later(seconds=60):
    return timeutils.utcnow() + datetime.timedelta(seconds=seconds)


@pytest.fixture
def instance(control_db):
    ds_api.upsert_datastore('mariadb')
    version = ds_api.upsert_version('mariadb', '10.11', 'mariadb')
    flavors_api.upsert_flavor('2', 'db.small', 512, 1)
    created = instances_api.create_instance('proj', 'db1', '2', 2,
                                            version.id, 'key', _later())
    instances_api.set_server(created.id, created.id, '127.0.0.9')
    instances_api.update_service_status(created.id, S.HEALTHY, 1.0)
    instances_api.end_task(created.id, T.BUILDING)
    return created


@pytest.fixture
def driver():
    return doubles.compute_driver()


def _new_guest_reports_healthy(instance):
    """What the restarted guest's first heartbeat does at the conductor."""
    instances_api.update_service_status(instance.id, S.HEALTHY, next(_sent))


def _found(instance):
    return instances_api.get_instance(None, instance.id)


def _stopped(instance, driver):
    instances_api.start_task(instance.id, T.STOPPING, _later())
    manager.TaskManager(driver).stop_instance(None, instance.id)


def test_stop_keeps_the_server_down(instance, driver):
    _stopped(instance, driver)
    driver.stop_server.assert_called_once_with(instance.id)
    assert _found(instance).task_status == T.STOPPED

    # Its guest is down, as the watchdog sees it: left alone...
    driver.power_state.return_value = 'SHUTDOWN'
    driver.list_servers.return_value = [instance.id]
    watchdog.Watchdog(driver)()
    driver.start_server.assert_not_called()
    driver.delete_server.assert_not_called()
    # ...also when the taskmanager starts again, and by the reaper.
    resume_instances.run(driver)
    reaper.Reaper(driver)()
    driver.start_server.assert_not_called()
    assert _found(instance).faults == []


def test_failed_stop_records_a_fault_and_lets_the_watchdog_recover(
        instance, driver):
    driver.stop_server.side_effect = RuntimeError('pids would not stop')
    _stopped(instance, driver)
    found = _found(instance)
    assert found.task_status == T.NONE
    assert 'pids would not stop' in found.faults[0].message


def test_watchdog_leaves_an_instance_stopped_after_it_listed_it(
        instance, driver):
    """The stop began between the watchdog's listing and its check."""
    driver.power_state.return_value = 'SHUTDOWN'
    listed = instances_api.list_instances(None)
    instances_api.start_task(instance.id, T.STOPPED, None)
    watchdog.Watchdog(driver)._restart_dead_guests(listed)
    driver.start_server.assert_not_called()


def test_reaper_drives_an_expired_stop_again(instance, driver):
    instances_api.start_task(instance.id, T.STOPPING, _later(-1))
    reaper.Reaper(driver)()
    driver.stop_server.assert_called_once_with(instance.id)
    driver.start_server.assert_not_called()
    assert _found(instance).task_status == T.STOPPED


def test_reboot_ends_when_the_new_guest_is_healthy(instance, driver):
    _stopped(instance, driver)
    instances_api.start_task(instance.id, T.REBOOTING, _later(),
                             allowed_tasks=(T.STOPPED,))
    manager.TaskManager(driver).reboot_instance(None, instance.id)
    driver.reboot_server.assert_called_once_with(instance.id)
    # The worker did not wait for the guest, nor keeps the lock.
    assert _found(instance).task_status == T.REBOOTING
    assert locks.held_count() == 0
    _new_guest_reports_healthy(instance)
    assert _found(instance).task_status == T.NONE


def test_failed_reboot_starts_the_server_and_reports(instance, driver):
    driver.reboot_server.side_effect = RuntimeError('no agent')
    instances_api.start_task(instance.id, T.REBOOTING, _later())
    manager.TaskManager(driver).reboot_instance(None, instance.id)
    driver.start_server.assert_called_once_with(instance.id)
    found = _found(instance)
    assert found.task_status == T.NONE
    assert 'no agent' in found.faults[0].message


def _resizing(instance, new_size):
    instances_api.start_task(instance.id, T.RESIZING, _later())
    quota_reservations.reserve(instance.id, 'proj',
                               {'volumes': new_size - 2})


def test_volume_resize_commits_its_reservation(instance, driver):
    _resizing(instance, 5)
    assert quotas.get_usages('proj')['volumes'] == (2, 3)
    manager.TaskManager(driver).resize_volume(None, instance.id, 5)
    driver.resize_volume.assert_called_once_with(instance.id, 5)
    assert _found(instance).volume_size == 5
    assert quotas.get_usages('proj')['volumes'] == (5, 0)
    assert _found(instance).task_status == T.RESIZING
    _new_guest_reports_healthy(instance)
    assert _found(instance).task_status == T.NONE


def test_failed_volume_resize_gives_its_reservation_back(instance, driver):
    driver.resize_volume.side_effect = RuntimeError('resize2fs failed')
    _resizing(instance, 5)
    manager.TaskManager(driver).resize_volume(None, instance.id, 5)
    assert _found(instance).volume_size == 2
    assert quotas.get_usages('proj')['volumes'] == (2, 0)


def test_reaper_gives_back_the_reservation_of_a_timed_out_resize(
        instance, driver):
    _resizing(instance, 4)
    instances_api.start_task(instance.id, T.RESIZING, _later(-1),
                             allowed_tasks=(T.RESIZING,))
    reaper.Reaper(driver)()
    assert _found(instance).task_status == T.NONE
    assert quotas.get_usages('proj')['volumes'] == (2, 0)
