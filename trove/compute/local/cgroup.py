"""A cgroup per instance that enforces the flavor's RAM and vCPUs.

cgroup v1 (a memory and a cpu hierarchy) and the unified v2 hierarchy are
both supported. A host that does not let us write cgroups still runs
instances, unconfined, with a warning.
"""
import errno
import os
import time

from oslo_log import log as logging

from trove.common import exception
from trove.conf import CONF

LOG = logging.getLogger(__name__)

MiB = 1024 ** 2
DEFAULT_CFS_PERIOD_US = 100000
# Errors that mean "this host does not let us use cgroups", as opposed to
# a limit the kernel refused (EBUSY when RAM is lowered below usage).
_NOT_ALLOWED = (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT)


class _Cgroup(object):

    def __init__(self, paths):
        self.paths = paths

    def create(self):
        for path in self.paths:
            os.makedirs(path, exist_ok=True)

    def exists(self):
        return any(os.path.isdir(path) for path in self.paths)

    def procs_files(self):
        return [os.path.join(path, 'cgroup.procs') for path in self.paths
                if os.path.isdir(path)]

    def pids(self):
        pids = set()
        for procs in self.procs_files():
            try:
                with open(procs) as listing:
                    pids.update(int(line) for line in listing if line.strip())
            except FileNotFoundError:
                continue
        return pids

    def joiner(self):
        """A preexec_fn that moves the new child into this cgroup.

        The child joins before exec, so everything it starts later is
        confined too. It only makes raw system calls: between fork and
        exec, locks held by other threads of the parent are unusable.
        """
        targets = [os.fsencode(path) for path in self.procs_files()]

        def join():
            for target in targets:
                fd = os.open(target, os.O_WRONLY)
                try:
                    os.write(fd, b'0')  # 0 means the writing process
                finally:
                    os.close(fd)
        return join

    def remove(self, attempts=10):
        for path in self.paths:
            for attempt in range(attempts):
                try:
                    os.rmdir(path)
                    break
                except FileNotFoundError:
                    break
                except OSError as error:
                    # Killed tasks leave the cgroup a moment after dying.
                    if error.errno != errno.EBUSY or attempt == attempts - 1:
                        raise exception.ComputeError(
                            reason='cgroup %s cannot be removed: %s' % (
                                path, error))
                    time.sleep(0.1 * (attempt + 1))

    @staticmethod
    def _write(path, value):
        with open(path, 'w') as control:
            control.write(str(value))

    @staticmethod
    def _read_int(path, default):
        try:
            with open(path) as control:
                return int(control.read().split()[0])
        except (OSError, ValueError, IndexError):
            return default


class CgroupV1(_Cgroup):
    """<root>/memory/<prefix>/<id> and <root>/cpu/<prefix>/<id>."""

    def __init__(self, root, prefix, instance_id):
        self.memory = os.path.join(root, 'memory', prefix, instance_id)
        self.cpu = os.path.join(root, 'cpu', prefix, instance_id)
        # A hierarchy the host does not mount is simply not used.
        super().__init__([path for path, hierarchy in (
            (self.memory, os.path.join(root, 'memory')),
            (self.cpu, os.path.join(root, 'cpu')))
            if os.path.isdir(hierarchy)])

    def set_limits(self, ram_mb, vcpus):
        if self.memory in self.paths:
            limit = ram_mb * MiB if ram_mb else -1
            self._write(os.path.join(self.memory, 'memory.limit_in_bytes'),
                        limit)
        if self.cpu in self.paths:
            period = self._read_int(os.path.join(self.cpu,
                                                 'cpu.cfs_period_us'),
                                    DEFAULT_CFS_PERIOD_US)
            quota = vcpus * period if vcpus else -1
            self._write(os.path.join(self.cpu, 'cpu.cfs_quota_us'), quota)


class CgroupV2(_Cgroup):
    """<root>/<prefix>/<id> with memory.max and cpu.max."""

    CONTROLLERS = ('memory', 'cpu')

    def __init__(self, root, prefix, instance_id):
        self.root = root
        self.parent = os.path.join(root, prefix)
        self.path = os.path.join(self.parent, instance_id)
        super().__init__([self.path])

    def create(self):
        os.makedirs(self.parent, exist_ok=True)
        # A v2 cgroup only gets the controllers its parent hands down.
        available = self._controllers()
        enable = ' '.join('+' + name for name in self.CONTROLLERS
                          if name in available)
        for parent in (self.root, self.parent) if enable else ():
            self._write(os.path.join(parent, 'cgroup.subtree_control'),
                        enable)
        super().create()

    def set_limits(self, ram_mb, vcpus):
        memory = ram_mb * MiB if ram_mb else 'max'
        self._write(os.path.join(self.path, 'memory.max'), memory)
        quota = vcpus * DEFAULT_CFS_PERIOD_US if vcpus else 'max'
        self._write(os.path.join(self.path, 'cpu.max'),
                    '%s %d' % (quota, DEFAULT_CFS_PERIOD_US))

    def _controllers(self):
        try:
            with open(os.path.join(self.root, 'cgroup.controllers')) as f:
                return f.read().split()
        except OSError:
            return []


def instance_cgroup(instance_id):
    """The instance's cgroup (existing or not), or None without cgroups."""
    options = CONF.local_compute
    if not options.use_cgroups:
        return None
    root = options.cgroup_root
    if os.path.exists(os.path.join(root, 'cgroup.controllers')):
        return CgroupV2(root, options.cgroup_prefix, instance_id)
    cgroup = CgroupV1(root, options.cgroup_prefix, instance_id)
    return cgroup if cgroup.paths else None


def confine(instance_id, ram_mb, vcpus, strict=False):
    """Create the cgroup and apply the limits; None if the host forbids.

    With ``strict``, a limit the kernel refuses on a cgroup that exists
    (RAM below current usage, say) is an error rather than a warning,
    because the caller must not report a resize that did not happen.
    """
    cgroup = instance_cgroup(instance_id)
    if cgroup is None:
        LOG.warning('No usable cgroup hierarchy: instance %s runs without '
                    'RAM and CPU limits', instance_id)
        return None
    existed = cgroup.exists()
    try:
        cgroup.create()
        cgroup.set_limits(ram_mb, vcpus)
    except OSError as error:
        if strict and existed and error.errno not in _NOT_ALLOWED:
            raise exception.ComputeError(
                reason='cannot apply %s MB / %s vCPUs to instance %s: %s' % (
                    ram_mb, vcpus, instance_id, error))
        LOG.warning('cgroups are not writable here (%s): instance %s runs '
                    'without RAM and CPU limits', error, instance_id)
        return None
    return cgroup
