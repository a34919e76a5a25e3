"""Where every MariaDB file of one instance lives, and who owns it.

Data that must survive a rebuild of the instance directory (datadir, the
agent's admin credentials, the prepared marker) lives on the volume; files
that describe this host's run of the engine (config, socket, pid, logs)
live under the instance directory.
"""
import os
import pwd

ENGINE_USER = 'mysql'


class Layout(object):

    def __init__(self, settings):
        volume = settings.volume_path
        self.volume_path = volume
        self.datadir = os.path.join(volume, 'data')
        self.tmpdir = os.path.join(volume, 'tmp')
        # Root-only: a secret and a marker the engine user must not forge.
        self.private_dir = os.path.join(volume, '.trove')
        self.admin_credentials = os.path.join(self.private_dir, 'os_admin.cnf')
        self.prepared_marker = os.path.join(self.private_dir, 'prepared')

        self.instance_dir = settings.instance_dir
        base = os.path.join(settings.instance_dir, 'mariadb')
        self.base_dir = base
        self.config_file = os.path.join(base, 'my.cnf')
        # The agent's record of the engine process (pid + start time); kept
        # out of run_dir because the engine user can write there.
        self.process_record = os.path.join(base, 'mariadbd.proc')
        self.run_dir = os.path.join(base, 'run')
        self.socket = os.path.join(self.run_dir, 'mysqld.sock')
        self.pid_file = os.path.join(self.run_dir, 'mysqld.pid')
        self.log_dir = os.path.join(base, 'log')
        self.error_log = os.path.join(self.log_dir, 'error.log')

    def engine_dirs(self):
        """Directories the engine writes to."""
        return (self.datadir, self.tmpdir, self.run_dir, self.log_dir)

    def create_dirs(self):
        """Create every directory with its owner and mode; idempotent, so
        that start() after a host reboot can recreate a cleared run dir."""
        # The engine user must traverse both roots (but needs no listing).
        for root in (self.volume_path, self.instance_dir):
            _add_mode(root, 0o011)
        os.makedirs(self.private_dir, mode=0o700, exist_ok=True)
        os.chmod(self.private_dir, 0o700)
        os.makedirs(self.base_dir, mode=0o755, exist_ok=True)
        uid, gid = engine_ids()
        for path in self.engine_dirs():
            os.makedirs(path, mode=0o750, exist_ok=True)
            os.chown(path, uid, gid)
        # The run dir holds the socket that local clients must reach.
        os.chmod(self.run_dir, 0o755)


def engine_ids():
    entry = pwd.getpwnam(ENGINE_USER)
    return entry.pw_uid, entry.pw_gid


def _add_mode(path, bits):
    mode = os.stat(path).st_mode & 0o7777
    if mode & bits != bits:
        os.chmod(path, mode | bits)
