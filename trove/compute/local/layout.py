"""Where the local driver keeps each instance's files on this host."""
import os
import re

from trove.common import exception
from trove.conf import CONF

# The id becomes a path component and a directory later removed with
# rmtree, so anything that could climb out of instances_path is refused.
_SAFE_ID = re.compile(r'^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$')


def instances_root():
    return os.path.abspath(CONF.local_compute.instances_path)


def leases_dir():
    # Beside, not inside, instances_path: that directory must hold only
    # instance directories, because list_servers reads it.
    return os.path.join(os.path.dirname(instances_root()), 'address_leases')


def control_root():
    """Root-only (0700) directories of what the tenant's user must not
    touch: guest.conf with its keys, the agent's pid file the driver
    trusts, the volume image."""
    return os.path.join(os.path.dirname(instances_root()), 'instance_control')


def datadir_cache_dir():
    """Fresh data directories, shared by the guests of this host: what a
    cloud's golden image would carry."""
    return os.path.join(os.path.dirname(instances_root()), 'datadir_cache')


def validate_instance_id(instance_id):
    if not isinstance(instance_id, str) or not _SAFE_ID.match(instance_id):
        raise exception.ComputeError(
            reason='%r is not a usable instance id' % (instance_id,))
    return instance_id


def instance_ids_on_disk():
    """Instances with a directory or a control directory (a create that
    crashed between the two leaves one)."""
    found = set()
    for top in (instances_root(), control_root()):
        try:
            names = os.listdir(top)
        except FileNotFoundError:
            continue
        found.update(name for name in names if _SAFE_ID.match(name)
                     and os.path.isdir(os.path.join(top, name)))
    return found


def _make_passable(path):
    """Create ``path`` if needed and let every user pass through it (x
    without r): an instance's user must reach its own directory below."""
    os.makedirs(path, mode=0o711, exist_ok=True)
    mode = os.stat(path).st_mode & 0o7777
    if mode & 0o111 != 0o111:
        os.chmod(path, mode | 0o111)


def own_dir(path, uid, gid):
    """Make ``path`` a 0700 directory of uid:gid. Through a descriptor
    opened without following symlinks: the user owns the parent and may
    have put a link there, which chown would follow as root."""
    os.makedirs(path, mode=0o700, exist_ok=True)
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        os.fchown(fd, uid, gid)
        os.fchmod(fd, 0o700)
    finally:
        os.close(fd)


class InstanceLayout(object):
    """The paths of one instance: <instances_path>/<instance_id>/..."""

    def __init__(self, instance_id):
        self.instance_id = validate_instance_id(instance_id)
        self.root = os.path.join(instances_root(), instance_id)
        self.control_dir = os.path.join(control_root(), instance_id)

    @property
    def config_file(self):
        return os.path.join(self.control_dir, 'guest.conf')

    @property
    def agent_log(self):
        return os.path.join(self.root, 'guestagent.log')

    @property
    def agent_pid_file(self):
        return os.path.join(self.control_dir, 'guestagent.pid')

    @property
    def run_dir(self):
        """Pid files of whatever the agent starts (the engine)."""
        return os.path.join(self.root, 'run')

    @property
    def log_dir(self):
        return os.path.join(self.root, 'log')

    @property
    def volume_image(self):
        return os.path.join(self.control_dir, 'volume.img')

    @property
    def volume_path(self):
        """Mount point of the data volume (a plain directory as fallback)."""
        return os.path.join(self.root, 'volume')

    def exists(self):
        return os.path.isdir(self.root)

    def make_dirs(self, uid, gid):
        """The instance directory, 0700 and its user's; the control
        directory, 0700 and root's."""
        _make_passable(os.path.dirname(instances_root()))
        _make_passable(instances_root())
        os.makedirs(control_root(), mode=0o700, exist_ok=True)
        os.makedirs(self.control_dir, mode=0o700, exist_ok=True)
        os.chmod(self.control_dir, 0o700)
        for path in (self.root, self.run_dir, self.log_dir, self.volume_path):
            own_dir(path, uid, gid)

    def pid_files(self):
        """Every *.pid under the instance directory except on the volume.

        The volume is skipped because it may hold a large data directory;
        engines are expected to put their pid files under run/.
        """
        found = []
        for top, dirs, files in os.walk(self.root):
            if top == self.root and 'volume' in dirs:
                dirs.remove('volume')
            found.extend(os.path.join(top, name)
                         for name in files if name.endswith('.pid'))
        return found
