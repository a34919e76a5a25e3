"""The taskmanager's side of configuration groups: pushing what an
instance should run with to its guest, re-driving what did not arrive,
and the restart that clears RESTART_REQUIRED."""
import datetime
from unittest import mock

from oslo_utils import timeutils
import pytest

from trove.common import context as trove_context
from trove.common import exception
from trove.configuration import attachments
from trove.configuration import parameters
from trove.db.api import configurations as configurations_api
from trove.db.api import datastores as ds_api
from trove.db.api import instance_configurations as states_api
from trove.db.api import instances as instances_api
from trove.instance import keys
from trove.instance.status import Task as T
from trove.taskmanager import configuration_sync
from trove.taskmanager.flows import apply_configuration
from trove.taskmanager.flows import power_cycle
from trove.tests.unit import doubles


@pytest.fixture
def instance(control_db):
    ds_api.upsert_datastore('mariadb')
    version = ds_api.upsert_version('mariadb', '10.11', 'mariadb')
    parameters.load_shipped('mariadb', '10.11')
    _key, encrypted = keys.new_encrypted_key()
    created = instances_api.create_instance(
        'proj', 'db1', '2', 1, version.id, encrypted,
        timeutils.utcnow() + datetime.timedelta(seconds=60))
    instances_api.end_task(created.id, T.BUILDING)
    instances_api.update_service_status(created.id, 'HEALTHY', 1.0)
    return created


@pytest.fixture
def guest():
    with mock.patch('trove.guestagent.rpcapi.GuestAPI',
                    autospec=True) as cls:
        cls.return_value.apply_configuration.return_value = {
            'restart_required': False}
        yield cls.return_value


def _group(instance, values):
    configuration = configurations_api.create(
        'proj', 'cfg', None, instance.datastore_version_id, values)
    states_api.attach(instance.id, configuration.id)
    return configuration


def _run(instance_id):
    apply_configuration.run(trove_context.admin_context(), instance_id)


def test_attached_values_reach_the_guest(instance, guest):
    _group(instance, {'max_connections': 300})
    guest.apply_configuration.return_value = {'restart_required': True}
    _run(instance.id)
    values, restart, serial = guest.apply_configuration.call_args[0]
    assert values == {'max_connections': 300}
    assert 'innodb_buffer_pool_size' in restart
    assert 'max_connections' not in restart
    state = states_api.get_state(instance.id)
    assert state.applied_serial == state.serial == serial
    assert state.restart_required
    # Nothing is due any more.
    _run(instance.id)
    assert guest.apply_configuration.call_count == 1


def test_detach_sends_no_values(instance, guest):
    _group(instance, {'max_connections': 300})
    _run(instance.id)
    states_api.detach(instance.id)
    _run(instance.id)
    assert guest.apply_configuration.call_args[0][0] == {}


def test_a_busy_or_silent_instance_waits_for_the_sync_pass(instance, guest):
    _group(instance, {'max_connections': 300})
    instances_api.start_task(instance.id, T.REBOOTING, None)
    configuration_sync.ConfigurationSync()()
    guest.apply_configuration.assert_not_called()
    assert states_api.list_due() == [instance.id]
    instances_api.end_task(instance.id, T.REBOOTING)
    configuration_sync.ConfigurationSync()()
    guest.apply_configuration.assert_called_once()
    assert states_api.list_due() == []


def test_a_guest_error_is_retried(instance, guest):
    _group(instance, {'max_connections': 300})
    guest.apply_configuration.side_effect = exception.GuestTimeout(
        instance_id=instance.id)
    _run(instance.id)
    assert states_api.list_due() == [instance.id]


def test_an_engine_refusal_is_a_fault_not_a_retry(instance, guest):
    _group(instance, {'sql_mode': 'NONSENSE'})
    guest.apply_configuration.side_effect = exception.BadRequest(
        'MariaDB refused the value of sql_mode')
    _run(instance.id)
    assert states_api.list_due() == []
    found = instances_api.get_instance('proj', instance.id)
    assert 'sql_mode' in found.faults[0].message


def test_a_change_of_the_group_is_due_again(instance, guest):
    configuration = _group(instance, {'max_connections': 300})
    _run(instance.id)
    assert configurations_api.update('proj', configuration.id,
                                     {'wait_timeout': 5}, replace=False) \
        == [instance.id]
    assert states_api.list_due() == [instance.id]
    _run(instance.id)
    assert guest.apply_configuration.call_args[0][0] == {
        'max_connections': 300, 'wait_timeout': 5}


def test_a_new_instance_gets_its_group_at_prepare(instance):
    _group(instance, {'max_connections': 300})
    overrides = apply_configuration.for_prepare(instance.id)
    assert overrides['values'] == {'max_connections': 300}
    assert states_api.list_due() == []


def test_a_restart_clears_restart_required(instance, guest):
    _group(instance, {'innodb_buffer_pool_size': 33554432})
    guest.apply_configuration.return_value = {'restart_required': True}
    _run(instance.id)
    instances_api.start_task(
        instance.id, T.REBOOTING,
        timeutils.utcnow() + datetime.timedelta(seconds=60))
    assert power_cycle.run(doubles.compute_driver(), instance.id, T.REBOOTING)
    assert states_api.get_state(instance.id).restart_required
    # The restarted guest's first HEALTHY heartbeat, at the conductor.
    instances_api.update_service_status(instance.id, 'HEALTHY', 1e12)
    assert not states_api.get_state(instance.id).restart_required


def test_a_lost_cast_is_made_up_by_the_sync_pass(instance, guest):
    configuration = configurations_api.create(
        'proj', 'cfg', None, instance.datastore_version_id, {'hz': 1})
    with mock.patch('trove.taskmanager.rpcapi.TaskManagerAPI',
                    autospec=True) as cls:
        cls.return_value.apply_configuration.side_effect = RuntimeError
        attachments.attach(trove_context.admin_context(), 'proj',
                           instance.id, configuration.id)
    configuration_sync.ConfigurationSync()()
    guest.apply_configuration.assert_called_once()
