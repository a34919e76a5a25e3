"""A guest image built by tools/build-guest-image.sh, checked as an
operator would before uploading it (a qcow2 with one bootable partition,
a kernel extlinux boots, the agent's unit, cloud-init's datasources), then
used: its own agent and engine, run in its root by the local driver
(tools/run-image-agent.sh), bring a Redis instance to ACTIVE against a
running control plane, and a client logs in."""
import configparser
import json
import os
import re
import subprocess
import tempfile

import psutil
import pytest
import redis

from trove.guestagent.datastores.redis import client as redis_client
from trove.tests.functional import deployment as deployment_module
from trove.tests.functional import waiters

BUILD = os.path.join(deployment_module.REPO, 'tools', 'build-guest-image.sh')
RUN_AGENT = os.path.join(deployment_module.REPO, 'tools',
                         'run-image-agent.sh')
# debootstrap's downloads, kept between runs on one machine.
PACKAGE_CACHE = '/var/cache/trove-guest-image-debs'
CGROUP_PREFIX = 'trove-functional-image'
# What cloud-init finds on Nova's config drive: the agent's config file.
USER_DATA = '''#cloud-config
write_files:
  - path: /etc/trove/conf.d/trove-guestagent.conf
    permissions: '0600'
    content: |
      [DEFAULT]
      transport_url = rabbit://nobody:unused@10.0.2.2:9/
      [guest_agent]
      instance_id = 6f0c1f3e-0000-4000-8000-000000000001
      rpc_encryption_key = boot-test
'''


@pytest.fixture(scope='module')
def image():
    work = tempfile.mkdtemp(prefix='trove-image-')
    os.chmod(work, 0o755)   # the instance's user traverses into the root
    os.makedirs(PACKAGE_CACHE, exist_ok=True)
    env = dict(os.environ, TROVE_IMAGE_DIR=work, TROVE_IMAGE_SIZE='2G',
               TROVE_IMAGE_CACHE=PACKAGE_CACHE)
    built = subprocess.run([BUILD, 'redis', '7.0'], env=env, text=True,
                           capture_output=True, timeout=1500)
    assert built.returncode == 0, built.stderr[-3000:]
    yield os.path.join(work, 'trove-redis-7.0.qcow2'), \
        os.path.join(work, 'redis-7.0.root')
    subprocess.run(['rm', '-rf', work])


@pytest.fixture(scope='module')
def mounted_disk(image):
    """The image's partition, mounted read-only from a raw copy."""
    qcow2, _root = image
    raw = qcow2 + '.check.raw'
    subprocess.run(['qemu-img', 'convert', '-O', 'raw', qcow2, raw],
                   check=True)
    table = json.loads(subprocess.run(['sfdisk', '-J', raw], check=True,
                                      capture_output=True).stdout)
    partitions = table['partitiontable']['partitions']
    mountpoint = tempfile.mkdtemp(prefix='trove-image-mnt-')
    offset = partitions[0]['start'] * 512
    loop = subprocess.run(['losetup', '--find', '--show', '--read-only',
                           '--offset', str(offset), raw], check=True,
                          capture_output=True, text=True).stdout.strip()
    subprocess.run(['mount', '-o', 'ro', loop, mountpoint], check=True)
    try:
        yield partitions, mountpoint
    finally:
        subprocess.run(['umount', mountpoint])
        subprocess.run(['losetup', '-d', loop])
        os.rmdir(mountpoint)
        os.unlink(raw)


@pytest.fixture(scope='module')
def config_drive(tmp_path_factory):
    """A config drive as Nova makes it (ISO 9660, label config-2)."""
    top = tmp_path_factory.mktemp('config-drive')
    latest = top / 'content' / 'openstack' / 'latest'
    latest.mkdir(parents=True)
    (latest / 'meta_data.json').write_text(json.dumps(
        {'uuid': '6f0c1f3e-0000-4000-8000-000000000001',
         'name': 'boot-test', 'hostname': 'boot-test'}))
    (latest / 'user_data').write_text(USER_DATA)
    iso = top / 'config-2.iso'
    subprocess.run(['genisoimage', '-quiet', '-o', str(iso), '-V',
                    'config-2', '-r', '-J', str(top / 'content')],
                   check=True)
    return iso


def _console(path):
    try:
        with open(path, 'rb') as serial:
            text = serial.read().decode(errors='replace')
    except OSError:
        return ''
    return re.sub(r'\x1b\[[0-9;]*m', '', text)   # systemd's colours


def test_it_boots_and_cloud_init_starts_the_agent(
        image, config_drive, tmp_path):
    # A real boot (software emulation: no KVM here), no network: the
    # agent starts from the config cloud-init wrote, then waits for a bus.
    console = tmp_path / 'console.log'
    machine = subprocess.Popen(
        ['qemu-system-x86_64', '-m', '768', '-snapshot', '-no-reboot',
         '-drive', 'file=%s,if=virtio,format=qcow2' % image[0],
         '-drive', 'file=%s,if=virtio,format=raw,readonly=on' % config_drive,
         '-serial', 'file:%s' % console, '-display', 'none',
         '-monitor', 'none', '-net', 'none'],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        waiters.wait_until(
            lambda: 'Trove guest agent' in _console(console)
            or machine.poll() is not None, timeout=400, interval=1,
            what='the guest agent to start in the booted image')
        waiters.wait_until(lambda: 'login:' in _console(console),
                           timeout=120, interval=1, what='a login prompt')
    finally:
        machine.kill()
        machine.wait()
    text = _console(console)
    assert 'Started trove-guestagent.service - Trove guest agent' in text
    assert 'Ordering cycle' not in text


def test_the_image_is_a_qcow2_of_the_asked_size(image):
    info = json.loads(subprocess.run(
        ['qemu-img', 'info', '--output', 'json', image[0]], check=True,
        capture_output=True).stdout)
    assert info['format'] == 'qcow2'
    assert info['virtual-size'] == 2 * 2 ** 30


def test_one_bootable_partition_whose_boot_loader_names_its_kernel(
        mounted_disk):
    partitions, mountpoint = mounted_disk
    assert len(partitions) == 1 and partitions[0].get('bootable')
    boot = os.path.join(mountpoint, 'boot')
    assert os.path.exists(os.path.join(boot, 'extlinux', 'ldlinux.sys'))
    with open(os.path.join(boot, 'extlinux', 'extlinux.conf')) as conf:
        lines = [line.split() for line in conf]
    named = {words[0]: words[1] for words in lines if len(words) > 1}
    assert os.path.exists(mountpoint + named['LINUX'])
    assert os.path.exists(mountpoint + named['INITRD'])
    assert 'root=LABEL=trove-root' in named['APPEND']


def test_the_agent_starts_at_boot_from_what_cloud_init_writes(mounted_disk):
    _partitions, root = mounted_disk
    wanted = os.path.join(root, 'etc/systemd/system/multi-user.target.wants/'
                                'trove-guestagent.service')
    # Enabled: linked from the target's wants, by a path inside the image.
    unit = configparser.ConfigParser(strict=False)
    assert unit.read(root + os.readlink(wanted))
    assert unit['Service']['ExecStart'].split()[0] == \
        '/opt/trove-guestagent/bin/trove-guestagent'
    assert os.access(root + '/opt/trove-guestagent/bin/trove-guestagent',
                     os.X_OK)
    assert '/etc/trove/conf.d/trove-guestagent.conf' in \
        unit['Unit']['ConditionPathExists']
    with open(os.path.join(root, 'etc/cloud/cloud.cfg.d/90-trove.cfg')) as c:
        datasources = c.read()
    assert 'ConfigDrive' in datasources and 'OpenStack' in datasources
    assert os.path.exists(os.path.join(root, 'usr/bin/redis-server'))


@pytest.fixture(scope='module')
def image_deployment(image):
    _qcow2, root = image
    found = deployment_module.Deployment(
        api_port=18849, rabbit_port=5721, address_pool='127.81.0.0/16',
        cgroup_prefix=CGROUP_PREFIX, prefix='trove-image-dep-',
        settings={'TROVE_GUESTAGENT_COMMAND': '%s %s' % (RUN_AGENT, root)})
    with found.running():
        yield found


def _processes_of(instance_id):
    """The processes in the instance's cgroup (the engine, the agent and
    its root helper)."""
    procs = '/sys/fs/cgroup/memory/%s/%s/cgroup.procs' % (
        CGROUP_PREFIX, instance_id)
    try:
        with open(procs) as listed:
            pids = [int(line) for line in listed if line.strip()]
    except OSError:
        return []
    return [psutil.Process(pid) for pid in pids if psutil.pid_exists(pid)]


def test_the_images_agent_and_engine_serve_an_instance(image,
                                                       image_deployment):
    _qcow2, root = image
    trove = image_deployment.client()
    created = trove.instances.create('from-image', '1', volume={'size': 1},
                                     datastore='redis')
    try:
        active = waiters.wait_for_status(trove, created.id,
                                         ['ACTIVE', 'ERROR'])
        assert active.status == 'ACTIVE', getattr(active, 'fault', None)
        # Both run inside the image's root, from its own files.
        roots = {process.name(): os.readlink('/proc/%d/root' % process.pid)
                 for process in _processes_of(created.id)}
        assert roots.get('redis-server') == root, roots
        assert any(name.startswith('trove-guest') or name == 'python3'
                   for name, seen in roots.items() if seen == root), roots
        _name, password = trove.root.create(active)
        client = redis.Redis(host=active.ip[0], port=6379, password=password,
                             socket_timeout=5, retry=redis_client.NO_RETRY)
        client.set('made-in', 'the image')
        assert client.get('made-in') == b'the image'
    finally:
        trove.instances.delete(created.id)
        waiters.wait_until_gone(trove, created.id)
    assert _processes_of(created.id) == []
