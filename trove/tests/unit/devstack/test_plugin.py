"""The devstack plugin, phase by phase, with devstack's functions and the
commands it runs recorded instead of run (recorder.sh): what an operator's
`stack.sh` would configure, create and start."""
import os
import subprocess

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))))
RECORDER = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        'recorder.sh')
TROVE_SERVICES = 'trove tr-api tr-tmgr tr-cond'
DATASTORES = {'mariadb': '10.11', 'postgresql': '15', 'redis': '7.0'}


def run_phase(tmp_path, *phase, enabled=TROVE_SERVICES):
    record = tmp_path / 'record'
    record.write_text('')
    done = subprocess.run([RECORDER, REPO, str(record), enabled] + list(phase),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return [tuple(line.split('\t')) for line in
            record.read_text().splitlines()]


def settings_of(calls):
    """{(section, option): value} of every iniset on trove.conf."""
    return {(call[2], call[3]): call[4] for call in calls
            if call[0] == 'iniset' and call[1] == '/etc/trove/trove.conf'}


def test_the_plugin_passes_shellcheck():
    files = [os.path.join(REPO, 'devstack', name)
             for name in ('plugin.sh', 'settings')]
    done = subprocess.run(['shellcheck', '-x'] + files + [RECORDER],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_install_puts_the_project_and_the_client_in_place(tmp_path):
    calls = run_phase(tmp_path, 'stack', 'install')
    assert ('setup_develop', '/opt/stack/trove') in calls
    assert ('pip_install', 'python-troveclient') in calls


def test_post_config_makes_the_service_account_catalog_and_config(tmp_path):
    calls = run_phase(tmp_path, 'stack', 'post-config')
    assert ('create_service_user', 'trove', 'admin') in calls
    assert ('get_or_create_service', 'trove', 'database',
            'Database service') in calls
    endpoint = [call for call in calls
                if call[0] == 'get_or_create_endpoint'][0]
    assert endpoint[1:3] == ('database', 'RegionOne')
    assert endpoint[3] == 'http://192.0.2.10:8779/v1.0/$(project_id)s'
    settings = settings_of(calls)
    assert settings[('DEFAULT', 'auth_strategy')] == 'keystone'
    assert settings[('compute', 'driver')] == 'nova'
    assert settings[('database', 'connection')].endswith('/trove')
    assert settings[('guest_bus', 'transport_url')].endswith('/trove-guests')
    # Secrets are made per deployment, not shipped.
    assert settings[('DEFAULT', 'inst_rpc_key_encr_key')]
    assert settings[('backup', 'encryption_key')]
    assert ('configure_keystone_authtoken_middleware',
            '/etc/trove/trove.conf', 'trove') in calls
    assert ('configure_keystoneauth', '/etc/trove/trove.conf', 'trove',
            'service_credentials') in calls
    assert ('sudo', 'rabbitmqctl', 'add_vhost', 'trove-guests') in calls


@pytest.mark.parametrize('enabled,driver', [
    (TROVE_SERVICES, None), (TROVE_SERVICES + ' s-proxy', 'swift')])
def test_backups_go_to_swift_when_the_cloud_has_it(tmp_path, enabled,
                                                   driver):
    settings = settings_of(run_phase(tmp_path, 'stack', 'post-config',
                                     enabled=enabled))
    assert settings.get(('backup', 'storage_driver')) == driver


@pytest.mark.parametrize('enabled,volumes', [
    (TROVE_SERVICES, 'False'), (TROVE_SERVICES + ' cinder', 'True')])
def test_volumes_are_cinders_when_the_cloud_has_it(tmp_path, enabled,
                                                   volumes):
    settings = settings_of(run_phase(tmp_path, 'stack', 'post-config',
                                     enabled=enabled))
    assert settings[('nova_compute', 'volume_support')] == volumes


def test_extra_makes_the_network_flavors_images_and_starts(tmp_path):
    calls = run_phase(tmp_path, 'stack', 'extra')
    manage = [call[3:] for call in calls if call[0] == 'trove-manage']
    assert ('recreate_database', 'trove') in calls
    assert manage[0] == ('db_sync',)
    assert ('openstack', 'network', 'create', 'trove-mgmt', '--project',
            'service', '-f', 'value', '-c', 'id') in calls
    settings = settings_of(calls)
    assert settings[('nova_compute', 'management_networks')] == \
        'id-of-trove-mgmt'
    flavors = {call[5]: call[3] for call in calls
               if call[:3] == ('openstack', 'flavor', 'create')}
    assert flavors == {'1': 'db.tiny', '2': 'db.small', '3': 'db.medium',
                       '4': 'db.large'}
    for datastore, version in DATASTORES.items():
        name = 'trove-%s-%s' % (datastore, version)
        created = [call for call in calls
                   if call[:4] == ('openstack', 'image', 'create', name)][0]
        assert '--tag\ttrove\t--tag\t%s' % datastore in '\t'.join(created)
        assert ('datastore_version_update', datastore, version, datastore,
                '', '', '1', '--image-tags', 'trove,%s' % datastore) in manage
        assert ('datastore_update', datastore, version) in manage
        built = [call for call in calls if call[0] == 'sudo'
                 and call[2].endswith('tools/build-guest-image.sh')]
        assert (datastore, version) in [call[3:5] for call in built]
    started = [call[1] for call in calls if call[0] == 'run_process']
    assert started == ['tr-api', 'tr-tmgr', 'tr-cond']


def test_unstack_stops_the_three_services(tmp_path):
    calls = run_phase(tmp_path, 'unstack')
    assert [call for call in calls if call[0] == 'stop_process'] == [
        ('stop_process', 'tr-api'), ('stop_process', 'tr-tmgr'),
        ('stop_process', 'tr-cond')]


def test_nothing_runs_when_trove_is_not_enabled(tmp_path):
    calls = run_phase(tmp_path, 'stack', 'extra', enabled='nova')
    assert [call[0] for call in calls] == ['enable_service']
