"""Find the database engines installed on this host (local compute driver).

A datastore is offered only when its binaries are here; its version is the
engine's own major.minor, read from the binary.
"""
import re
import shutil
import subprocess


class Engine(object):
    def __init__(self, datastore, manager, binary, version_args,
                 version_pattern, packages):
        self.datastore = datastore
        self.manager = manager
        self.binary = binary
        self.version_args = version_args
        self.version_pattern = version_pattern
        self.packages = packages


KNOWN_ENGINES = [
    Engine('mariadb', 'mariadb', 'mariadbd', ['--version'],
           r'Ver (\d+\.\d+)\.(\d+)-MariaDB', 'mariadb-server'),
]


def _find(binary):
    return shutil.which(binary) or shutil.which(binary, path='/usr/sbin:/sbin')


def detect():
    """[(engine, version name, full version)] for each engine found."""
    found = []
    for engine in KNOWN_ENGINES:
        path = _find(engine.binary)
        if not path:
            continue
        try:
            out = subprocess.run([path] + engine.version_args,
                                 capture_output=True, text=True,
                                 timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        match = re.search(engine.version_pattern, out)
        if match:
            found.append((engine, match.group(1),
                          '%s.%s' % (match.group(1), match.group(2))))
    return found
