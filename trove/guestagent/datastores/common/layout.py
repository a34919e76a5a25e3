"""Where an engine's files of one instance live, and who owns them.

Data that must survive a rebuild of the instance directory (the data
directory, the agent's private credentials, the prepared marker) lives on
the volume; files that describe this host's run of the engine (config,
socket, pid, logs, the agent's process record) live under the instance
directory, in a directory named after the engine.
"""
import os
import pwd


def engine_ids(user):
    """(uid, gid) of a system user."""
    entry = pwd.getpwnam(user)
    return entry.pw_uid, entry.pw_gid


class EngineLayout(object):

    # The engine's packaged system user, for an agent that runs as root;
    # an instance with a user of its own (settings.system_user) uses that.
    engine_user = None
    # Directory under the instance directory, e.g. 'mariadb'.
    name = None
    # Name of the agent's record of the engine process (pid + start time).
    process_name = None
    credentials_name = 'os_admin.cnf'

    def __init__(self, settings):
        self.engine_user = getattr(settings, 'system_user', None) or \
            self.engine_user
        volume = settings.volume_path
        self.volume_path = volume
        self.datadir = os.path.join(volume, 'data')
        # The agent's (0700): a secret and the prepared marker.
        self.private_dir = os.path.join(volume, '.trove')
        self.admin_credentials = os.path.join(self.private_dir,
                                              self.credentials_name)
        self.prepared_marker = os.path.join(self.private_dir, 'prepared')

        self.instance_dir = settings.instance_dir
        base = os.path.join(settings.instance_dir, self.name)
        self.base_dir = base
        # Kept out of run_dir because the engine user can write there.
        self.process_record = os.path.join(
            base, '%s.proc' % (self.process_name or self.name))
        # Engine pid files go here: the compute driver stops what they name.
        self.run_dir = os.path.join(base, 'run')
        self.log_dir = os.path.join(base, 'log')
        self.error_log = os.path.join(self.log_dir, 'error.log')

    def engine_dirs(self):
        """Directories the engine writes to."""
        return (self.datadir, self.run_dir, self.log_dir)

    def volume_dirs(self):
        """Engine directories on the volume: what an unfinished prepare
        leaves behind."""
        return tuple(path for path in self.engine_dirs()
                     if path.startswith(self.volume_path + os.sep))

    def engine_ids(self):
        return engine_ids(self.engine_user)

    def create_dirs(self):
        """Create every directory with its owner and mode; idempotent, so
        that start() after a host reboot can recreate a cleared run dir."""
        if os.geteuid() == 0:
            # An engine user other than the agent must traverse both roots
            # (but needs no listing); an instance's own user owns them.
            for root in (self.volume_path, self.instance_dir):
                _add_mode(root, 0o011)
        os.makedirs(self.private_dir, mode=0o700, exist_ok=True)
        os.chmod(self.private_dir, 0o700)
        os.makedirs(self.base_dir, mode=0o755, exist_ok=True)
        uid, gid = self.engine_ids()
        for path in self.engine_dirs():
            os.makedirs(path, mode=0o750, exist_ok=True)
            os.chown(path, uid, gid)
        # The run dir holds the socket that local clients must reach.
        os.chmod(self.run_dir, 0o755)


def _add_mode(path, bits):
    mode = os.stat(path).st_mode & 0o7777
    if mode & bits != bits:
        os.chmod(path, mode | bits)
