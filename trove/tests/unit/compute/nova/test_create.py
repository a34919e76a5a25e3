"""What the nova driver asks of the cloud when it builds a server, and
what it leaves behind when the cloud refuses."""
import configparser

from novaclient import exceptions as nova_exceptions
import pytest
import yaml

from trove.common import exception
from trove.compute import base
from trove.conf import CONF
from trove.tests.unit.compute.nova import fake_cloud

FLAVOR = {'id': '2', 'ram': 512, 'vcpus': 1, 'disk': 0}
GUEST_CONFIG = {
    'DEFAULT': {'transport_url': 'rabbit://guest-1:s3cret@10.0.0.1:5672/',
                'control_exchange': 'trove'},
    'guest_agent': {'datastore_manager': 'mariadb',
                    'datastore_version': '10.11',
                    'rpc_encryption_key': 'k' * 32,
                    'heartbeat_interval': 5.0},
}


def _request(**overrides):
    fields = {'project_id': 'proj-1', 'datastore': 'mariadb',
              'image_tags': ['trove', 'mariadb'],
              'nics': [{'net-id': fake_cloud.USER_NET}]}
    fields.update(overrides)
    return base.ServerRequest(**fields)


def _create(driver, instance_id='inst-1', **overrides):
    return driver.create_server(instance_id, FLAVOR, 2, GUEST_CONFIG,
                                request=_request(**overrides))


def _nothing_left(cloud):
    assert cloud.servers_by_id == {}
    assert cloud.ports == {}
    assert cloud.security_groups == {}
    assert cloud.volumes_by_id == {}


def test_the_server_request(driver, cloud):
    _create(driver)
    [request] = cloud.server_requests
    assert request['name'] == 'trove-inst-1'
    # The newest active image carrying every tag of the version.
    assert request['image'] == 'image-new'
    assert request['flavor'].id == '2'
    assert request['meta'] == {'trove_instance_id': 'inst-1',
                               'trove_project_id': 'proj-1'}
    assert request['tags'] == ['trove_instance', 'trove_mariadb']
    networks = [cloud.ports[nic['port-id']].network_id
                for nic in request['nics']]
    assert networks == [fake_cloud.MANAGEMENT_NET, fake_cloud.USER_NET]


def test_user_data_carries_the_guest_config(driver, cloud):
    _create(driver)
    user_data = cloud.server_requests[0]['userdata']
    assert user_data.startswith('#cloud-config\n')
    [written] = yaml.safe_load(user_data)['write_files']
    assert written['path'] == '/etc/trove/conf.d/trove-guestagent.conf'
    assert written['permissions'] == '0600'
    parser = configparser.RawConfigParser(default_section='\0none',
                                          interpolation=None)
    parser.optionxform = str
    parser.read_string(written['content'])
    assert dict(parser.items('DEFAULT')) == GUEST_CONFIG['DEFAULT']
    agent = dict(parser.items('guest_agent'))
    assert agent.pop('instance_id') == 'inst-1'
    assert agent == {key: str(value) for key, value
                     in GUEST_CONFIG['guest_agent'].items()}


def test_addresses_are_the_users_networks(driver, cloud):
    server = _create(driver)
    assert server.compute_id in cloud.servers_by_id
    assert server.addresses == [{'address': server.address,
                                 'type': 'private', 'network': 'user-net'}]
    assert driver.get_address('inst-1') == server.address
    assert server.host['host'] == 'compute-1'


def test_without_user_networks_the_management_address_is_shown(driver,
                                                               cloud):
    server = _create(driver, nics=[])
    assert [entry['network'] for entry in server.addresses] == \
        ['trove-mgmt']


def test_a_management_network_may_be_named(driver, cloud):
    CONF.set_override('management_networks', ['trove-mgmt'],
                      group='nova_compute')
    _create(driver, nics=[{'net-id': 'user-net'}])
    networks = [cloud.ports[nic['port-id']].network_id
                for nic in cloud.server_requests[0]['nics']]
    assert networks == [fake_cloud.MANAGEMENT_NET, fake_cloud.USER_NET]


def test_no_networks_at_all_boots_with_nics_none(driver, cloud):
    CONF.set_override('management_networks', [], group='nova_compute')
    server = _create(driver, nics=[])
    assert cloud.server_requests[0]['nics'] == 'none'
    assert server.address is None


def test_security_group_opens_only_the_engine_port(driver, cloud):
    CONF.set_override('management_security_groups', ['sg-mgmt'],
                      group='nova_compute')
    try:
        _create(driver, allowed_cidrs=['192.0.2.0/24'])
    finally:
        CONF.clear_override('management_security_groups',
                            group='nova_compute')
    [group] = cloud.security_groups.values()
    assert [(rule['port_range_min'], rule['port_range_max'],
             rule['protocol'], rule['remote_ip_prefix'])
            for rule in cloud.rules] == [(3306, 3306, 'tcp',
                                          '192.0.2.0/24')]
    by_network = {port.network_id: port.security_group_ids
                  for port in cloud.ports.values()}
    assert by_network == {fake_cloud.MANAGEMENT_NET: [group.id, 'sg-mgmt'],
                          fake_cloud.USER_NET: [group.id]}


def test_without_allowed_cidrs_the_engine_port_is_open_to_all(driver,
                                                              cloud):
    _create(driver)
    assert sorted(rule['remote_ip_prefix'] for rule in cloud.rules) == \
        ['0.0.0.0/0', '::/0']


def test_an_image_id_is_used_as_given(driver, cloud):
    _create(driver, image_id='image-old')
    assert cloud.server_requests[0]['image'] == 'image-old'


@pytest.mark.parametrize('overrides,cause', [
    ({'image_id': 'image-gone'}, 'image image-gone of the datastore '
                                 'version is not in Glance'),
    ({'image_tags': ['trove', 'postgresql']},
     'no active image in Glance carries the tags trove, postgresql'),
    ({'image_tags': []}, 'the datastore version names no image'),
    ({'nics': [{'net-id': 'net-nowhere'}]},
     'network net-nowhere does not exist'),
])
def test_what_cannot_be_built_is_a_compute_error_naming_it(
        driver, cloud, overrides, cause):
    with pytest.raises(exception.ComputeError) as error:
        _create(driver, **overrides)
    assert cause in str(error.value)
    _nothing_left(cloud)


def test_a_flavor_nova_lacks(driver, cloud):
    del cloud.flavors_by_id['2']
    with pytest.raises(exception.ComputeError) as error:
        _create(driver)
    assert 'Nova has no flavor 2' in str(error.value)
    _nothing_left(cloud)


def test_no_valid_host_fails_with_novas_fault_and_leaves_nothing(driver,
                                                                 cloud):
    cloud.boot_status = 'ERROR'
    cloud.boot_fault = 'No valid host was found. There are not enough hosts'
    with pytest.raises(exception.ComputeError) as error:
        _create(driver)
    assert 'went ERROR: No valid host was found' in str(error.value)
    _nothing_left(cloud)


def test_over_quota_fails_with_the_clouds_words(driver, cloud):
    cloud.create_error = nova_exceptions.Forbidden(
        403, 'Quota exceeded for instances: Requested 1, but already '
             'used 10 of 10 instances')
    with pytest.raises(exception.ComputeError) as error:
        _create(driver)
    assert 'create_server of instance inst-1 failed' in str(error.value)
    assert 'Quota exceeded for instances' in str(error.value)
    _nothing_left(cloud)


def test_a_server_that_never_boots_times_out(driver, cloud):
    cloud.boot_status = 'BUILD'
    with pytest.raises(exception.ComputeError) as error:
        _create(driver)
    assert 'becoming ACTIVE did not happen within 2 seconds' in \
        str(error.value)
    _nothing_left(cloud)


def test_a_redriven_create_finds_its_server(driver, cloud):
    first = _create(driver)
    second = _create(driver)
    assert first.compute_id == second.compute_id
    assert len(cloud.server_requests) == 1
    assert len(cloud.security_groups) == 1


def test_a_cinder_volume_when_the_cloud_has_cinder(driver, cloud):
    CONF.set_override('volume_support', True, group='nova_compute')
    CONF.set_override('volume_type', 'fast', group='nova_compute')
    server = _create(driver)
    [volume] = cloud.volumes_by_id.values()
    assert (volume.size, volume.volume_type, volume.status) == \
        (2, 'fast', 'in-use')
    assert volume.metadata == {'trove_instance_id': 'inst-1'}
    [mapping] = cloud.server_requests[0]['block_device_mapping_v2']
    assert (mapping['uuid'], mapping['source_type'],
            mapping['destination_type']) == (volume.id, 'volume', 'volume')
    assert server.host['volume_id'] == volume.id


def test_no_volume_without_cinder(driver, cloud):
    _create(driver)
    assert cloud.volumes_by_id == {}
    assert cloud.server_requests[0]['block_device_mapping_v2'] is None
    assert not cloud.volumes.create.called


def test_a_server_group_with_a_policy(driver, cloud):
    CONF.set_override('server_group_policy', 'anti-affinity',
                      group='nova_compute')
    _create(driver)
    [group] = cloud.server_groups_by_id.values()
    assert group.policy == 'anti-affinity'
    assert cloud.server_requests[0]['scheduler_hints'] == {'group': group.id}
    driver.delete_server('inst-1')
    assert cloud.server_groups_by_id == {}
