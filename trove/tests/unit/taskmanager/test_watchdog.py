import datetime

from oslo_utils import timeutils

from trove.db.api import datastores as ds_api
from trove.db.api import instances as instances_api
from trove.instance.status import Task as T
from trove.taskmanager import watchdog
from trove.tests.unit import doubles


def _live_instance():
    ds_api.upsert_datastore('mariadb')
    version = ds_api.upsert_version('mariadb', '10.11', 'mariadb')
    instance = instances_api.create_instance(
        'proj', 'db1', '2', 1, version.id, 'key',
        timeutils.utcnow() + datetime.timedelta(seconds=60))
    instances_api.set_server(instance.id, instance.id, '127.0.0.9')
    instances_api.end_task(instance.id, T.BUILDING)
    return instance


def _driver(power_state, servers=()):
    return doubles.compute_driver(power_state, servers)


def test_dead_guest_is_restarted_with_a_fault(control_db):
    instance = _live_instance()
    driver = _driver('SHUTDOWN', [instance.id])
    watchdog.Watchdog(driver)()
    driver.start_server.assert_called_once_with(instance.id)
    assert 'restarted' in instances_api.get_instance(
        'proj', instance.id).faults[0].message


def test_running_guest_is_left_alone(control_db):
    instance = _live_instance()
    driver = _driver('RUNNING', [instance.id])
    watchdog.Watchdog(driver)()
    driver.start_server.assert_not_called()
    driver.delete_server.assert_not_called()


def test_guest_of_a_busy_instance_is_left_to_its_task(control_db):
    instance = _live_instance()
    instances_api.start_task(instance.id, T.REBOOTING, None)
    driver = _driver('SHUTDOWN', [instance.id])
    watchdog.Watchdog(driver)()
    driver.start_server.assert_not_called()


def test_orphaned_servers_are_deleted(control_db):
    instance = _live_instance()
    gone = _live_instance()
    instances_api.mark_deleted(gone.id)
    driver = _driver('RUNNING', [instance.id, gone.id, 'stray'])
    watchdog.Watchdog(driver)()
    assert sorted(c.args[0] for c in driver.delete_server.call_args_list) \
        == sorted([gone.id, 'stray'])


def test_a_server_that_will_not_start_keeps_no_other_down(control_db):
    first, second = _live_instance(), _live_instance()
    driver = _driver('SHUTDOWN', [first.id, second.id])
    driver.start_server.side_effect = [RuntimeError('Nova: 409 task state'),
                                       True]
    watchdog.Watchdog(driver)()
    assert sorted(call.args[0] for call in
                  driver.start_server.call_args_list) == \
        sorted([first.id, second.id])
