"""First-boot initialisation of the data directory (mariadb-install-db)."""
import os
import shutil
import subprocess

from oslo_log import log as logging

from trove.guestagent.datastores.mariadb import layout as mariadb_layout
from trove.guestagent.datastores.mariadb import process

LOG = logging.getLogger(__name__)

BINARY = 'mariadb-install-db'
TIMEOUT = 300


def clear_datadir(layout):
    """Remove what a failed or interrupted prepare left behind: without the
    prepared marker nothing in it was ever handed to a user."""
    for path in (layout.datadir, layout.tmpdir):
        if os.path.isdir(path) and os.listdir(path):
            LOG.warning('Removing the leftovers of an unfinished prepare '
                        'in %s', path)
            shutil.rmtree(path)


def install_db(layout):
    command = [
        BINARY,
        # First, as the tool requires: the same file the engine will run
        # with (innodb sizes, log-error) and none of the host's /etc/mysql.
        '--defaults-file=%s' % layout.config_file,
        '--user=%s' % mariadb_layout.ENGINE_USER,
        '--datadir=%s' % layout.datadir,
        '--skip-test-db',
        # root logs in only from the system root account, over the socket.
        '--auth-root-authentication-method=socket',
        # Grant tables name 127.0.0.1/localhost, never this host's name.
        '--skip-name-resolve',
    ]
    result = subprocess.run(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, timeout=TIMEOUT, cwd='/')
    if result.returncode != 0:
        output = result.stdout.decode('utf-8', 'replace').strip()
        LOG.error('%s failed (exit code %d): %s', BINARY, result.returncode,
                  output)
        raise process.EngineError(
            'MariaDB data directory initialisation failed: %s' % (
                process.error_log_tail(layout)
                or ' | '.join(output.splitlines()[-3:])))
