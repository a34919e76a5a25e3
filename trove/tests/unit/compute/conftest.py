"""Fixtures for the local compute driver: options under tmp_path, and a
cleanup that leaves no process, mount, loop device or cgroup behind even
when a test fails half way."""
import os
import shutil
import signal
import subprocess
import uuid

import psutil
import pytest

from trove.compute.local import agent
from trove.compute.local import driver as local_driver
from trove.conf import CONF

# Distinct from the default 127.77.0.0/16 of a running service.
TEST_POOL = '127.78.0.0/24'

FAKE_AGENT = """#!/bin/sh
# Stands in for trove-guestagent: records its arguments, starts an
# "engine" that daemonizes out of its process tree, then sleeps.
echo "$@" > agent-args
(sleep 302 &)
exec sleep 301
"""


@pytest.fixture
def local_options(tmp_path):
    """Sets [local_compute] for one test; yields the option values."""
    script = tmp_path / 'fake-guestagent'
    script.write_text(FAKE_AGENT)
    script.chmod(0o755)
    options = {
        'instances_path': str(tmp_path / 'instances'),
        'address_pool': TEST_POOL,
        'cgroup_prefix': 'trove-test-%s' % uuid.uuid4().hex[:8],
        'guestagent_command': str(script),
        'process_stop_timeout': 2.0,
    }
    for name, value in options.items():
        CONF.set_override(name, value, group='local_compute')
    yield options
    try:
        _leave_nothing_behind(tmp_path, options['cgroup_prefix'])
    finally:
        for name in list(options) + ['use_loop_volumes', 'use_cgroups',
                                     'cgroup_root']:
            CONF.clear_override(name, group='local_compute')


@pytest.fixture
def driver(local_options):
    return local_driver.LocalComputeDriver()


def _leave_nothing_behind(tmp_path, prefix):
    """Best-effort sweep for what a failed test may have left."""
    instances = tmp_path / 'instances'
    ids = os.listdir(instances) if instances.is_dir() else []
    for instance_id in ids:
        try:
            local_driver.LocalComputeDriver().delete_server(instance_id)
        except Exception:
            pass  # the sweep below is the fallback
    for process in psutil.process_iter():
        try:
            if process.environ().get(agent.INSTANCE_ENV_KEY) in ids:
                process.send_signal(signal.SIGKILL)
        except psutil.Error:
            continue
    mounts = [line.split()[1] for line in open('/proc/self/mounts')]
    for mount_point in mounts:
        if mount_point.startswith(str(tmp_path) + '/'):
            subprocess.run(['umount', '-l', mount_point], check=False)
    listing = subprocess.run(['losetup', '--list', '--noheadings',
                              '--output', 'NAME,BACK-FILE'],
                             capture_output=True, text=True, check=False)
    for line in listing.stdout.splitlines():
        fields = line.split(None, 1)
        if len(fields) == 2 and str(tmp_path) in fields[1]:
            subprocess.run(['losetup', '-d', fields[0]], check=False)
    cgroup_root = '/sys/fs/cgroup'
    for hierarchy in ('memory', 'cpu', ''):
        parent = os.path.join(cgroup_root, hierarchy, prefix)
        if os.path.isdir(parent):
            for child in os.listdir(parent):
                if os.path.isdir(os.path.join(parent, child)):
                    _rmdir(os.path.join(parent, child))
            _rmdir(parent)
    shutil.rmtree(instances, ignore_errors=True)


def _rmdir(path):
    try:
        os.rmdir(path)
    except OSError:
        pass
