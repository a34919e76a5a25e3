"""Where every PostgreSQL file of one instance lives (see common.layout).

The config files sit outside the data directory, under the instance
directory, and are rendered at every start; the data directory holds
only what initdb and the server write.
"""
import os
import re
import shutil

from trove.common import pg_paths
from trove.guestagent.datastores.common import layout as common_layout
from trove.guestagent.datastores.common import process as common_process

ENGINE_USER = 'postgres'
PORT = 5432
# Debian installs each major version beside the others (pg_paths).
versioned_bin_dirs = pg_paths.versioned_bin_dirs


class Layout(common_layout.EngineLayout):

    engine_user = ENGINE_USER
    name = 'postgresql'
    process_name = 'postgres'

    def __init__(self, settings):
        super().__init__(settings)
        self.config_file = os.path.join(self.base_dir, 'postgresql.conf')
        self.hba_file = os.path.join(self.base_dir, 'pg_hba.conf')
        self.ident_file = os.path.join(self.base_dir, 'pg_ident.conf')
        # The configuration group's values, included last.
        self.overrides_file = os.path.join(self.base_dir, 'overrides.conf')
        # The socket directory; clients name it as their "host".
        self.socket_dir = self.run_dir
        self.pid_file = os.path.join(self.run_dir, 'postgres.pid')


def bin_dir(version):
    """The binaries of major ``version`` (e.g. '15'): the version's own
    directory, since a data directory runs only under its major version;
    else the postgres on PATH (other distributions install one version)."""
    major = str(version or '').split('.')[0]
    if re.match(r'^\d+$', major):
        candidate = pg_paths.VERSIONED_BIN_DIRS.replace('*', major)
        if os.path.exists(os.path.join(candidate, 'postgres')):
            return candidate
    if not version:
        installed = versioned_bin_dirs()
        if installed:
            return installed[-1][1]
    found = shutil.which('postgres')
    if found:
        return os.path.dirname(found)
    raise common_process.EngineError(
        'PostgreSQL %s is not installed on this host' % (version or ''))
