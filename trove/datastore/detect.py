"""Find the database engines installed on this host (local compute driver).

A datastore is offered only when its binaries are here; its version is the
engine's own version, read from the binary: major.minor for MariaDB and
Redis, the major alone for PostgreSQL (whose data directories move only
between minor versions of one major).
"""
import re
import shutil
import subprocess

from trove.common import pg_paths


def _on_path(binary):
    return shutil.which(binary) or shutil.which(binary, path='/usr/sbin:/sbin')


def _newest_postgres():
    # Debian installs majors side by side, off PATH; the guest runs the
    # binaries of its version's major (its postgresql layout's bin_dir).
    installed = pg_paths.versioned_bin_dirs()
    if installed:
        return installed[-1][1] + '/postgres'
    return _on_path('postgres')


class Engine(object):
    def __init__(self, datastore, manager, binary, version_args,
                 version_pattern, packages, locate=None):
        self.datastore = datastore
        self.manager = manager
        self.binary = binary
        self.version_args = version_args
        # Groups: the version name, then the rest of the full version.
        self.version_pattern = version_pattern
        self.packages = packages
        self._locate = locate

    def locate(self):
        """The binary's path, or None when the engine is not installed."""
        return self._locate() if self._locate else _on_path(self.binary)

    def parse_version(self, output):
        """(version name, full version) from the binary's output, or None."""
        match = re.search(self.version_pattern, output)
        if match:
            return match.group(1), '%s.%s' % (match.group(1), match.group(2))
        return None


KNOWN_ENGINES = [
    Engine('mariadb', 'mariadb', 'mariadbd', ['--version'],
           r'Ver (\d+\.\d+)\.(\d+)-MariaDB', 'mariadb-server'),
    # postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)
    Engine('postgresql', 'postgresql', 'postgres', ['--version'],
           r'\(PostgreSQL\) (\d+)\.(\d+)', 'postgresql',
           locate=_newest_postgres),
    # Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 ...
    Engine('redis', 'redis', 'redis-server', ['--version'],
           r'\bv=(\d+\.\d+)\.(\d+)', 'redis-server'),
]


def detect():
    """[(engine, version name, full version)] for each engine found."""
    found = []
    for engine in KNOWN_ENGINES:
        path = engine.locate()
        if not path:
            continue
        try:
            out = subprocess.run([path] + engine.version_args,
                                 capture_output=True, text=True,
                                 timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        version = engine.parse_version(out)
        if version:
            found.append((engine,) + version)
    return found
