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
    try:
        names = os.listdir(instances_root())
    except FileNotFoundError:
        return set()
    return {name for name in names
            if _SAFE_ID.match(name)
            and os.path.isdir(os.path.join(instances_root(), name))}


class InstanceLayout(object):
    """The paths of one instance: <instances_path>/<instance_id>/..."""

    def __init__(self, instance_id):
        self.instance_id = validate_instance_id(instance_id)
        self.root = os.path.join(instances_root(), instance_id)

    @property
    def config_file(self):
        return os.path.join(self.root, 'guest.conf')

    @property
    def agent_log(self):
        return os.path.join(self.root, 'guestagent.log')

    @property
    def agent_pid_file(self):
        return os.path.join(self.root, 'guestagent.pid')

    @property
    def run_dir(self):
        """Pid files of whatever the agent starts (the engine)."""
        return os.path.join(self.root, 'run')

    @property
    def log_dir(self):
        return os.path.join(self.root, 'log')

    @property
    def volume_image(self):
        return os.path.join(self.root, 'volume.img')

    @property
    def volume_path(self):
        """Mount point of the data volume (a plain directory as fallback)."""
        return os.path.join(self.root, 'volume')

    def exists(self):
        return os.path.isdir(self.root)

    def make_dirs(self):
        for path in (self.root, self.run_dir, self.log_dir, self.volume_path):
            os.makedirs(path, exist_ok=True)
        # Secrets live here (guest.conf); other users have no business in it.
        os.chmod(self.root, 0o711)

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
