"""The local driver end to end: real processes, and (as root) a real loop
volume and the host's cgroups."""
import os
import signal
import stat
import subprocess
import time

import psutil
import pytest

from trove.common import exception
from trove.compute import base
from trove.compute.local import agent
from trove.compute.local import cgroup as cgroups
from trove.compute.local import guest_conf
from trove.compute.local import identity
from trove.compute.local import layout as layouts
from trove.compute.local import volume as volumes
from trove.conf import CONF

FLAVOR = {'ram': 256, 'vcpus': 1, 'disk': 1}
GUEST_CONFIG = {'DEFAULT': {'transport_url': 'rabbit://u:secret@h:5672/'},
                'guest_agent': {'datastore_manager': 'mariadb'}}
GiB = 1024 ** 3

# Starting an agent into a cgroup forks (preexec_fn); eventlet, imported
# by futurist when installed, warns on every fork.
pytestmark = pytest.mark.filterwarnings(
    'ignore:Using fork:DeprecationWarning')

needs_loop = pytest.mark.skipif(
    not volumes.loop_devices_available(),
    reason='needs root and loop devices')


def wait_for(condition, timeout=10):
    deadline = time.time() + timeout
    while not condition():
        assert time.time() < deadline, 'timed out'
        time.sleep(0.02)


def instance_processes(instance_id):
    return [p for p in psutil.process_iter()
            if _environment(p).get(agent.INSTANCE_ENV_KEY) == instance_id
            and not gone(p)]


def _environment(process):
    try:
        return process.environ()
    except psutil.Error:
        return {}


def gone(process):
    # An orphan's zombie lasts until init reaps it: dead all the same.
    try:
        return (not process.is_running()
                or process.status() == psutil.STATUS_ZOMBIE)
    except psutil.NoSuchProcess:
        return True


def mounts_at(path):
    with open('/proc/self/mounts') as mounts:
        return [line.split() for line in mounts if line.split()[1] == path]


def loop_devices_of(image):
    listing = subprocess.run(['losetup', '--list', '--noheadings',
                              '--output', 'NAME,BACK-FILE'],
                             capture_output=True, text=True, check=True)
    return [line.split()[0] for line in listing.stdout.splitlines()
            if image in line]


def wait_for_agent_and_engine(layout):
    """The fake agent has run its script: both sleeps are up."""
    wait_for(lambda: os.path.exists(os.path.join(layout.root, 'agent-args')))
    wait_for(lambda: len(instance_processes(layout.instance_id)) >= 2)


@needs_loop
def test_lifecycle_with_loop_volume(driver):
    server = driver.create_server('e2e-1', FLAVOR, 1, GUEST_CONFIG)
    layout = layouts.InstanceLayout('e2e-1')
    assert server.compute_id == 'e2e-1'
    assert server.address.startswith('127.78.0.')
    assert driver.get_address('e2e-1') == server.address
    # What the control DB records, so the API needs no driver.
    assert server.addresses == [{'address': server.address,
                                 'type': 'private', 'network': 'local'}]
    assert server.host['instance_dir'] == layout.root
    assert server.host['volume_type'] == 'image'
    assert driver.list_servers() == ['e2e-1']

    (mount,) = mounts_at(layout.volume_path)
    assert mount[2] == 'ext4'
    assert os.path.getsize(layout.volume_image) == GiB
    fs = os.statvfs(layout.volume_path)
    assert 0.9 * GiB < fs.f_blocks * fs.f_frsize <= GiB
    loops = subprocess.run(['losetup', '-j', layout.volume_image],
                           capture_output=True, text=True).stdout
    assert len(loops.splitlines()) == 1

    settings = guest_conf.read(layout.config_file)['guest_agent']
    assert stat.S_IMODE(os.stat(layout.config_file).st_mode) == 0o600
    assert settings['instance_id'] == 'e2e-1'
    assert settings['address'] == server.address
    assert settings['instance_dir'] == layout.root
    assert settings['volume_path'] == layout.volume_path
    assert settings['datastore_manager'] == 'mariadb'

    wait_for_agent_and_engine(layout)
    with open(os.path.join(layout.root, 'agent-args')) as args:
        assert args.read().split() == ['--config-file', layout.config_file]
    running = instance_processes('e2e-1')
    assert agent.find(layout).pid in {p.pid for p in running}
    assert driver.power_state('e2e-1') == base.PowerState.RUNNING

    cgroup = cgroups.instance_cgroup('e2e-1')
    if cgroup is not None and cgroup.exists():
        # The daemonized "engine" too: it joined with the agent.
        assert {p.pid for p in running} <= cgroup.pids()
        if isinstance(cgroup, cgroups.CgroupV1):
            with open(os.path.join(cgroup.memory,
                                   'memory.limit_in_bytes')) as limit:
                assert int(limit.read()) == 256 * 1024 ** 2

    driver.delete_server('e2e-1')
    assert all(gone(p) for p in running)
    assert instance_processes('e2e-1') == []
    assert mounts_at(layout.volume_path) == []
    assert loop_devices_of(layout.volume_image) == []
    if cgroup is not None:
        assert not cgroup.exists()
    assert not os.path.exists(layout.root)
    assert driver.get_address('e2e-1') is None
    assert driver.list_servers() == []
    assert driver.power_state('e2e-1') == base.PowerState.NOSTATE
    driver.delete_server('e2e-1')  # twice is fine


@needs_loop
def test_reboot_restart_and_resize(driver):
    driver.create_server('e2e-2', FLAVOR, 1, GUEST_CONFIG)
    layout = layouts.InstanceLayout('e2e-2')
    wait_for_agent_and_engine(layout)
    before = instance_processes('e2e-2')

    os.unlink(os.path.join(layout.root, 'agent-args'))
    driver.reboot_server('e2e-2')
    assert all(gone(p) for p in before)
    wait_for_agent_and_engine(layout)
    assert driver.power_state('e2e-2') == base.PowerState.RUNNING

    # The agent dies (the engine lives on): ensure_running brings it back.
    os.kill(agent.find(layout).pid, signal.SIGKILL)
    wait_for(lambda: driver.power_state('e2e-2') == base.PowerState.SHUTDOWN)
    assert driver.ensure_running('e2e-2') is True
    assert driver.ensure_running('e2e-2') is False
    assert driver.power_state('e2e-2') == base.PowerState.RUNNING

    driver.resize_server('e2e-2', {'ram': 512, 'vcpus': 2, 'disk': 1})
    settings = guest_conf.read(layout.config_file)['guest_agent']
    assert (settings['flavor_ram'], settings['flavor_vcpus']) == ('512', '2')
    cgroup = cgroups.instance_cgroup('e2e-2')
    if isinstance(cgroup, cgroups.CgroupV1) and cgroup.exists():
        with open(os.path.join(cgroup.cpu, 'cpu.cfs_quota_us')) as quota:
            with open(os.path.join(cgroup.cpu, 'cpu.cfs_period_us')) as p:
                assert int(quota.read()) == 2 * int(p.read())

    with open(os.path.join(layout.volume_path, 'data'), 'w') as data:
        data.write('kept')
    driver.resize_volume('e2e-2', 2)
    assert os.path.getsize(layout.volume_image) == 2 * GiB
    fs = os.statvfs(layout.volume_path)
    assert fs.f_blocks * fs.f_frsize > 1.8 * GiB
    with open(os.path.join(layout.volume_path, 'data')) as data:
        assert data.read() == 'kept'
    with pytest.raises(exception.BadRequest):
        driver.resize_volume('e2e-2', 1)

    driver.delete_server('e2e-2')
    assert instance_processes('e2e-2') == []
    assert loop_devices_of(layout.volume_image) == []


def test_directory_volume_without_cgroups(driver):
    CONF.set_override('use_loop_volumes', False, group='local_compute')
    CONF.set_override('use_cgroups', False, group='local_compute')
    server = driver.create_server('dir-1', FLAVOR, 1, GUEST_CONFIG)
    layout = layouts.InstanceLayout('dir-1')
    assert os.path.isdir(layout.volume_path)
    assert not os.path.ismount(layout.volume_path)
    # Its own user owns its directory; its keys are out of that user's
    # reach, in a directory of root's.
    user = guest_conf.read(layout.config_file)['guest_agent']['system_user']
    assert user == identity.user_name('dir-1')
    uid, gid = identity.ids(user)
    for path in (layout.root, layout.volume_path, layout.run_dir):
        found = os.stat(path)
        assert (found.st_uid, found.st_gid) == (uid, gid)
        assert stat.S_IMODE(found.st_mode) == 0o700
    control = os.stat(layout.control_dir)
    assert (control.st_uid, stat.S_IMODE(control.st_mode)) == (0, 0o700)
    assert os.path.dirname(layout.config_file) == layout.control_dir
    assert os.path.dirname(layout.agent_pid_file) == layout.control_dir
    # Re-driven create: same address, still one agent.
    first_agent = agent.find(layout)
    assert driver.create_server('dir-1', FLAVOR, 1, GUEST_CONFIG).address \
        == server.address
    assert agent.find(layout).pid == first_agent.pid
    wait_for_agent_and_engine(layout)
    driver.resize_volume('dir-1', 5)  # nothing to do
    driver.delete_server('dir-1')
    assert instance_processes('dir-1') == []
    assert not os.path.exists(layout.root)
    assert not os.path.exists(layout.control_dir)
    assert identity.ids(user) is None
    assert driver.list_servers() == []


def test_delete_of_a_half_created_instance(driver, local_options):
    # A create that crashed after leasing and making its directories.
    driver._pool().allocate('half-1')
    layout = layouts.InstanceLayout('half-1')
    os.makedirs(layout.volume_path)
    os.makedirs(layout.control_dir)
    with open(layout.agent_pid_file, 'w') as pid_file:
        pid_file.write('999999999 1.0\n')
    assert driver.list_servers() == ['half-1']
    assert driver.power_state('half-1') == base.PowerState.SHUTDOWN
    driver.delete_server('half-1')
    assert driver.list_servers() == []
    assert not os.path.exists(layout.root)
    assert not os.path.exists(layout.control_dir)
    driver.delete_server('never-existed')


def test_delete_removes_the_user_of_a_create_that_crashed_early(driver):
    # Leased and its user made, then the taskmanager died.
    driver._pool().allocate('half-2')
    identity.ensure_user('half-2', layouts.control_root())
    assert driver.list_servers() == ['half-2']
    driver.delete_server('half-2')
    assert identity.ids(identity.user_name('half-2')) is None
    assert driver.list_servers() == []


def test_unknown_or_unsafe_instances(driver):
    with pytest.raises(exception.ComputeError):
        driver.reboot_server('missing')
    with pytest.raises(exception.ComputeError):
        driver.ensure_running('missing')
    for bad in ('..', '../x', 'a/b', ''):
        with pytest.raises(exception.ComputeError):
            driver.delete_server(bad)


@needs_loop
def test_busy_volume(driver, monkeypatch):
    monkeypatch.setattr(volumes, 'UNMOUNT_ATTEMPTS', 1)
    driver.create_server('busy-1', FLAVOR, 1, GUEST_CONFIG)
    layout = layouts.InstanceLayout('busy-1')
    holder = open(os.path.join(layout.volume_path, 'held'), 'w')
    try:
        # A grow must never run e2fsck under a live file system.
        with pytest.raises(exception.ComputeError, match='busy'):
            driver.resize_volume('busy-1', 2)
        assert mounts_at(layout.volume_path)
        assert os.path.getsize(layout.volume_image) == GiB
        # A delete detaches it lazily; the loop device goes with the
        # last user.
        driver.delete_server('busy-1')
        assert mounts_at(layout.volume_path) == []
        assert not os.path.exists(layout.root)
    finally:
        holder.close()
    wait_for(lambda: loop_devices_of(layout.volume_image) == [])
