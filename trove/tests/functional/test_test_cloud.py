"""The test cloud (TROVE_COMPUTE=nova) through the openstack CLI and the
cloud's real APIs: Glance's images, Nova's servers on the project's virt
driver, the network stand-in's management network."""
import glob
import ipaddress
import os
import pwd

import psutil

from trove.compute.local import identity
from trove.datastore import detect
from trove.tests.functional import cloud_deployment as cloud_module
from trove.tests.functional import waiters

USER_DATA = """#cloud-config
write_files:
- path: /etc/motd.d/hello
  content: written by the test cloud's cloud-init
  permissions: '0640'
"""


def _server_status(cloud, server_id):
    return cloud.openstack('server', 'show', server_id)['status']


def _wait_status(cloud, server_id, wanted, timeout=60):
    return waiters.wait_until(
        lambda: _server_status(cloud, server_id) == wanted,
        timeout=timeout, what='server %s %s' % (server_id, wanted))


def _init_process(cloud, server_id):
    """The server's first process, if it lives (what Nova's power state
    reflects)."""
    try:
        with open(cloud.agent_pid_file(server_id)) as pid_file:
            pid = int(pid_file.read().split()[0])
        process = psutil.Process(pid)
        return None if process.status() == psutil.STATUS_ZOMBIE else process
    except (OSError, ValueError, psutil.Error):
        return None


def _cgroups(server_id):
    return glob.glob('/sys/fs/cgroup/*/%s-nova/%s' % (
        cloud_module.CGROUP_PREFIX, server_id)) + glob.glob(
        '/sys/fs/cgroup/%s-nova/%s' % (cloud_module.CGROUP_PREFIX,
                                       server_id))


def test_glance_holds_an_image_per_datastore_version(cloud_deployment):
    images = {image['Name']: image for image in
              cloud_deployment.openstack('image', 'list', '--long')}
    found = detect.detect()
    assert found
    for engine, version_name, _ in found:
        image = images['trove-%s-%s' % (engine.datastore, version_name)]
        assert sorted(image['Tags']) == sorted(['trove', engine.datastore])


def test_admin_sees_flavors_network_and_services(cloud_deployment):
    flavors = {f['ID']: f for f in cloud_deployment.openstack(
        'flavor', 'list')}
    assert (flavors['1']['Name'], flavors['1']['RAM']) == ('db.tiny', 256)
    assert (flavors['4']['Name'], flavors['4']['RAM']) == ('db.large', 2048)
    networks = cloud_deployment.openstack('network', 'list')
    assert 'trove-mgmt' in [n['Name'] for n in networks]
    services = cloud_deployment.openstack('compute', 'service', 'list')
    assert {s['Binary']: s['State'] for s in services} == {
        'nova-conductor': 'up', 'nova-scheduler': 'up', 'nova-compute': 'up'}


def test_server_runs_as_processes_of_its_own(cloud_deployment, tmp_path):
    cloud = cloud_deployment
    user_data = tmp_path / 'user-data'
    user_data.write_text(USER_DATA)
    server = cloud.openstack(
        'server', 'create', '--flavor', '1', '--image', 'trove-redis-7.0',
        '--network', 'trove-mgmt', '--user-data', str(user_data), '--wait',
        'hello', cloud='trove')
    server_id = server['id']
    assert server['status'] == 'ACTIVE'
    address = server['addresses']['trove-mgmt'][0]
    assert ipaddress.ip_address(address) in \
        ipaddress.ip_network(cloud_module.MGMT_CIDR)
    listed = cloud.openstack('server', 'list', '--all-projects')
    assert server_id in [s['ID'] for s in listed]

    user = identity.user_name(server_id)
    uid = pwd.getpwnam(user).pw_uid
    written = os.path.join(cloud.server_root(server_id), 'etc', 'motd.d',
                           'hello')
    with open(written) as f:
        assert f.read() == "written by the test cloud's cloud-init"
    assert os.stat(written).st_uid == uid
    assert oct(os.stat(written).st_mode & 0o777) == oct(0o640)
    init = _init_process(cloud, server_id)
    assert init is not None and init.uids().real == uid
    assert _cgroups(server_id)

    assert cloud.cli('server', 'stop', server_id).returncode == 0
    _wait_status(cloud, server_id, 'SHUTOFF')
    assert _init_process(cloud, server_id) is None
    assert cloud.cli('server', 'start', server_id).returncode == 0
    _wait_status(cloud, server_id, 'ACTIVE')
    assert _init_process(cloud, server_id) is not None

    ports = cloud.openstack('port', 'list', '--device-id', server_id)
    assert [p['Fixed IP Addresses'][0]['ip_address'] for p in ports] == [
        address]
    done = cloud.cli('server', 'delete', '--wait', server_id, cloud='trove')
    assert done.returncode == 0, done.stderr
    assert server_id not in [s['ID'] for s in cloud.openstack(
        'server', 'list', '--all-projects')]
    assert cloud.openstack('port', 'list', '--device-id', server_id) == []
    assert not os.path.exists(cloud.server_root(server_id))
    assert not _cgroups(server_id)
    assert [p for p in psutil.process_iter(['uids'])
            if p.info['uids'] and p.info['uids'].real == uid] == []
    try:
        pwd.getpwnam(user)
        raise AssertionError('user %s is still there' % user)
    except KeyError:
        pass
