"""get_server_details of the local driver: what an admin sees of an
instance's server (mgmt show), from real processes and files."""
import pytest

from trove.compute.local import cgroup as cgroups
from trove.compute.local import details
from trove.compute.local import layout as layouts
from trove.conf import CONF
from trove.tests.unit.compute.test_local_driver import FLAVOR
from trove.tests.unit.compute.test_local_driver import GUEST_CONFIG
from trove.tests.unit.compute.test_local_driver import needs_loop
from trove.tests.unit.compute.test_local_driver import \
    wait_for_agent_and_engine

pytestmark = pytest.mark.filterwarnings(
    'ignore:Using fork:DeprecationWarning')


def test_running_server(driver):
    CONF.set_override('use_loop_volumes', False, group='local_compute')
    server = driver.create_server('det-1', FLAVOR, 1, GUEST_CONFIG)
    layout = layouts.InstanceLayout('det-1')
    wait_for_agent_and_engine(layout)
    found = driver.get_server_details('det-1')
    assert found['host']
    assert found['power_state'] == 'RUNNING'
    assert found['address'] == server.address
    assert found['instance_dir'] == layout.root
    assert found['agent_pid'] is not None
    # The daemonized "engine" of the fake agent, found without its parent.
    assert found['engine_pids']
    assert found['agent_pid'] not in found['engine_pids']
    names = {p['name'] for p in found['processes']}
    assert 'sleep' in names
    assert found['volume'] == {
        'type': 'directory', 'image': None,
        'mount_point': layout.volume_path, 'mounted': False,
        'size_gb': None, 'used_gb': None}
    cgroup = cgroups.instance_cgroup('det-1')
    if cgroup is not None and cgroup.exists():
        assert found['cgroup']['memory_limit_mb'] == 256
        assert found['cgroup']['vcpus'] == 1.0

    driver.stop_server('det-1')
    stopped = driver.get_server_details('det-1')
    assert stopped['power_state'] == 'SHUTDOWN'
    assert (stopped['agent_pid'], stopped['engine_pids']) == (None, [])
    driver.delete_server('det-1')
    gone = driver.get_server_details('det-1')
    assert (gone['power_state'], gone['address']) == ('NOSTATE', None)


@needs_loop
def test_loop_volume_size_and_use(driver):
    driver.create_server('det-2', FLAVOR, 1, GUEST_CONFIG)
    volume = driver.get_server_details('det-2')['volume']
    assert (volume['type'], volume['mounted'], volume['size_gb']) == (
        'image', True, 1.0)
    assert 0 <= volume['used_gb'] < 1
    driver.delete_server('det-2')


@pytest.mark.parametrize('memory,quota,period,expected', [
    ('268435456', '200000', '100000', (256, 2.0)),
    ('max', 'max', '100000', (None, None)),
    ('9223372036854771712', '-1', '100000', (None, None)),
    (None, None, None, (None, None)),
])
def test_limits_as_the_kernel_writes_them(memory, quota, period, expected):
    assert (details._memory_mb(memory),
            details._vcpus(quota, period)) == expected
