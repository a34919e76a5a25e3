"""Where Debian installs PostgreSQL's binaries: one directory per major
version, side by side and off PATH. Both the guest (which runs its
version's binaries) and trove-manage (which detects the versions
installed) need this, and neither may import the other's code."""
import glob
import os

VERSIONED_BIN_DIRS = '/usr/lib/postgresql/*/bin'


def versioned_bin_dirs():
    """[(major, bin dir)] of the versions installed, lowest first."""
    found = []
    for path in glob.glob(os.path.join(VERSIONED_BIN_DIRS, 'postgres')):
        major = os.path.basename(os.path.dirname(os.path.dirname(path)))
        if major.isdigit():
            found.append((int(major), os.path.dirname(path)))
    return sorted(found)
