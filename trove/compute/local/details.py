"""What this host knows of a local instance, for admins (mgmt show): its
processes, volume and cgroup limits, read from disk and /proc."""
import os
import socket

import psutil

from trove.compute.local import agent
from trove.compute.local import cgroup as cgroups
from trove.compute.local import instance_processes
from trove.compute.local import volume as volumes

MiB = 1024 ** 2
# cgroup v1 writes "no limit" as the largest page-aligned 64-bit value.
_V1_UNLIMITED = 2 ** 62


# The local driver's addresses are on this host's loopback network.
NETWORK_NAME = 'local'
ADDRESS_TYPE = 'private'


def addresses(address):
    """The Server.addresses of an instance leased ``address``."""
    if not address:
        return []
    return [{'address': address, 'type': ADDRESS_TYPE,
             'network': NETWORK_NAME}]


def host_facts(layout):
    """What stays true of the server while it exists: recorded in the
    control DB at create, so that admins' views need no driver."""
    cgroup = cgroups.instance_cgroup(layout.instance_id)
    volume = volumes.Volume(layout)
    return {
        'host': socket.gethostname(),
        'instance_dir': layout.root,
        'volume_path': layout.volume_path,
        'volume_type': 'image' if volume.is_image else 'directory',
        'cgroup_paths': list(cgroup.paths) if cgroup is not None else [],
    }


def server_details(layout, address, power_state):
    cgroup = cgroups.instance_cgroup(layout.instance_id)
    running_agent = agent.find(layout)
    agent_pid = running_agent.pid if running_agent is not None else None
    found = (instance_processes.find_all(layout, cgroup)
             if layout.exists() else {})
    return {
        'host': socket.gethostname(),
        'power_state': power_state,
        'address': address,
        'instance_dir': layout.root,
        'agent_pid': agent_pid,
        'engine_pids': sorted(pid for pid in found if pid != agent_pid),
        'processes': [{'pid': pid, 'name': _name(found[pid])}
                      for pid in sorted(found)],
        'volume': _volume(layout),
        'cgroup': _cgroup(cgroup),
    }


def _name(process):
    try:
        return process.name()
    except psutil.Error:
        return None


def _volume(layout):
    volume = volumes.Volume(layout)
    details = {'type': 'image' if volume.is_image else 'directory',
               'image': volume.image if volume.is_image else None,
               'mount_point': volume.mount_point,
               'mounted': volume.is_mounted(),
               'size_gb': None, 'used_gb': None}
    if volume.is_image:
        details['size_gb'] = round(os.path.getsize(volume.image)
                                   / volumes.GiB, 2)
    if details['mounted']:
        stats = os.statvfs(volume.mount_point)
        details['used_gb'] = round((stats.f_blocks - stats.f_bfree)
                                   * stats.f_frsize / volumes.GiB, 3)
    return details


def _cgroup(cgroup):
    if cgroup is None or not cgroup.exists():
        return None
    if isinstance(cgroup, cgroups.CgroupV2):
        memory = _read(cgroup.path, 'memory.max')
        quota, _, period = (_read(cgroup.path, 'cpu.max') or '').partition(
            ' ')
        version = 2
    else:
        memory = _read(cgroup.memory, 'memory.limit_in_bytes')
        quota = _read(cgroup.cpu, 'cpu.cfs_quota_us')
        period = _read(cgroup.cpu, 'cpu.cfs_period_us')
        version = 1
    return {'version': version,
            'paths': [path for path in cgroup.paths if os.path.isdir(path)],
            'memory_limit_mb': _memory_mb(memory),
            'vcpus': _vcpus(quota, period)}


def _read(directory, name):
    try:
        with open(os.path.join(directory, name)) as control:
            return control.read().strip()
    except OSError:
        return None


def _memory_mb(value):
    if not value or not value.isdigit() or int(value) >= _V1_UNLIMITED:
        return None  # "max", -1 or unreadable: no limit
    return int(value) // MiB


def _vcpus(quota, period):
    try:
        quota, period = int(quota), int(period)
    except (TypeError, ValueError):
        return None  # "max" or unreadable: no limit
    return round(quota / period, 2) if quota > 0 and period > 0 else None
