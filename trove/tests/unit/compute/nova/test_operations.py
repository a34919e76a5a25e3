"""The nova driver's work on an existing server: delete (idempotent),
power, resize, volume growth, and what it reports of Nova's states."""
import types

from novaclient import exceptions as nova_exceptions
import pytest

from trove.common import exception
from trove.compute import base
from trove.compute.nova import states
from trove.conf import CONF
from trove.tests.unit.compute.nova import test_create

PowerState = base.PowerState


@pytest.fixture
def built(driver, cloud):
    test_create._create(driver)
    return cloud.servers_by_id[next(iter(cloud.servers_by_id))]


def test_delete_removes_server_ports_and_security_group(driver, cloud,
                                                        built):
    driver.delete_server('inst-1')
    test_create._nothing_left(cloud)
    assert driver.power_state('inst-1') == PowerState.NOSTATE


def test_delete_removes_the_volume_too(driver, cloud):
    CONF.set_override('volume_support', True, group='nova_compute')
    test_create._create(driver)
    driver.delete_server('inst-1')
    test_create._nothing_left(cloud)


def test_delete_is_idempotent(driver, cloud, built):
    driver.delete_server('inst-1')
    driver.delete_server('inst-1')
    driver.delete_server('never-made')
    test_create._nothing_left(cloud)


def test_delete_while_nova_deletes_already(driver, cloud, built):
    # Nova answers 404: the server went between the listing and the call.
    cloud.servers.delete.side_effect = nova_exceptions.NotFound(404)
    driver.delete_server('inst-1')
    assert cloud.ports == {} and cloud.security_groups == {}


@pytest.mark.parametrize('status,expected', [
    ('ACTIVE', PowerState.RUNNING),
    ('BUILD', PowerState.RUNNING),
    ('REBOOT', PowerState.RUNNING),
    ('VERIFY_RESIZE', PowerState.RUNNING),
    ('SHUTOFF', PowerState.SHUTDOWN),
    ('SUSPENDED', PowerState.SHUTDOWN),
    ('ERROR', PowerState.SHUTDOWN),
    ('DELETED', PowerState.NOSTATE),
])
def test_power_state_of_novas_statuses(status, expected):
    assert states.power_state(types.SimpleNamespace(status=status)) == \
        expected


def test_power_state_of_a_server_nova_does_not_have(driver, cloud):
    assert driver.power_state('inst-none') == PowerState.NOSTATE


def test_error_server_reports_shutdown_with_novas_fault(driver, cloud,
                                                        built):
    built.status = 'ERROR'
    built.fault = {'message': 'Instance failed to spawn'}
    assert driver.power_state('inst-1') == PowerState.SHUTDOWN
    details = driver.get_server_details('inst-1')
    assert details['fault'] == 'Instance failed to spawn'
    assert details['power_state'] == PowerState.SHUTDOWN


def test_stop_and_start(driver, cloud, built):
    driver.stop_server('inst-1')
    assert built.status == 'SHUTOFF'
    assert driver.power_state('inst-1') == PowerState.SHUTDOWN
    assert driver.start_server('inst-1') is True
    assert built.status == 'ACTIVE'
    assert driver.start_server('inst-1') is False


def test_start_of_an_error_server_hard_reboots_it(driver, cloud, built):
    built.status = 'ERROR'
    assert driver.start_server('inst-1') is True
    assert built.reboots == 'HARD'
    assert driver.power_state('inst-1') == PowerState.RUNNING


def test_reboot_is_novas_soft_reboot(driver, cloud, built):
    driver.reboot_server('inst-1')
    assert built.reboots == 'SOFT'


def test_operations_on_a_missing_server_are_compute_errors(driver, cloud):
    for operation in (driver.stop_server, driver.start_server,
                      driver.reboot_server):
        with pytest.raises(exception.ComputeError) as error:
            operation('inst-none')
        assert 'has no server in Nova' in str(error.value)


def test_resize_changes_the_flavor_and_confirms(driver, cloud, built):
    cloud.flavors_by_id['3'] = types.SimpleNamespace(id='3',
                                                     name='db.medium')
    driver.stop_server('inst-1')
    driver.resize_server('inst-1', {'id': '3', 'ram': 1024, 'vcpus': 1})
    assert built.flavor == {'original_name': 'db.medium'}
    assert cloud.servers.confirm_resize.called
    assert built.status == 'SHUTOFF'
    # Done already: a re-driven resize asks Nova nothing.
    driver.resize_server('inst-1', {'id': '3', 'ram': 1024, 'vcpus': 1})
    assert cloud.servers.resize.call_count == 1


def test_resize_that_fails_to_confirm_is_reverted(driver, cloud, built):
    cloud.flavors_by_id['3'] = types.SimpleNamespace(id='3',
                                                     name='db.medium')
    cloud.servers.confirm_resize.side_effect = nova_exceptions.Conflict(
        409, 'Cannot confirm: instance is in a task')
    with pytest.raises(exception.ComputeError) as error:
        driver.resize_server('inst-1', {'id': '3'})
    assert 'Cannot confirm' in str(error.value)
    assert cloud.servers.revert_resize.called
    assert built.flavor == {'original_name': 'db.small'}


def test_resize_that_nova_fails(driver, cloud, built):
    cloud.flavors_by_id['3'] = types.SimpleNamespace(id='3',
                                                     name='db.medium')

    def fail(server, flavor, disk_config=None):
        built.status = 'ERROR'
        built.fault = {'message': 'No valid host was found.'}
    cloud.servers.resize.side_effect = fail
    with pytest.raises(exception.ComputeError) as error:
        driver.resize_server('inst-1', {'id': '3'})
    assert 'No valid host was found.' in str(error.value)


def test_resize_nova_gives_up_on_is_failed_at_once(driver, cloud, built):
    # No valid host for a migration: Nova puts the server back as it was,
    # not in ERROR.
    cloud.flavors_by_id['3'] = types.SimpleNamespace(id='3',
                                                     name='db.medium')
    cloud.servers.resize.side_effect = None
    with pytest.raises(exception.ComputeError) as error:
        driver.resize_server('inst-1', {'id': '3'})
    assert 'Nova did not resize server %s to flavor 3' % built.id in \
        str(error.value)
    assert not cloud.servers.confirm_resize.called


def test_resize_volume_extends_the_cinder_volume(driver, cloud):
    CONF.set_override('volume_support', True, group='nova_compute')
    test_create._create(driver)
    driver.resize_volume('inst-1', 5)
    [volume] = cloud.volumes_by_id.values()
    assert volume.size == 5


def test_resize_volume_without_cinder_is_refused(driver, cloud, built):
    with pytest.raises(exception.ComputeError) as error:
        driver.resize_volume('inst-1', 5)
    assert 'volume_support is off' in str(error.value)


def test_list_servers_lists_trove_servers_only(driver, cloud, built):
    test_create._create(driver, instance_id='inst-2')
    stranger = cloud._create_server('someones-vm', 'image-new',
                                    cloud.flavors_by_id['2'], nics='none')
    assert stranger.id in cloud.servers_by_id
    assert driver.list_servers() == ['inst-1', 'inst-2']


def test_an_unreachable_cloud_is_a_compute_error(driver, cloud):
    cloud.servers.list.side_effect = nova_exceptions.ClientException(
        503, 'Service Unavailable')
    with pytest.raises(exception.ComputeError) as error:
        driver.power_state('inst-1')
    assert 'Service Unavailable' in str(error.value)
    with pytest.raises(exception.ComputeError):
        driver.list_servers()
