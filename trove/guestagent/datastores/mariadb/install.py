"""First-boot initialisation of the data directory (mariadb-install-db),
or a copy of an identical fresh one from the host's cache."""
import shutil

from oslo_log import log as logging

from trove.conf import CONF
from trove.guestagent.datastores.common import datadir_cache
from trove.guestagent.datastores.common import process as common_process
from trove.guestagent.datastores.mariadb import process

LOG = logging.getLogger(__name__)

BINARY = 'mariadb-install-db'
BOOTSTRAP_USER = 'mysql'
TIMEOUT = 300


# my.cnf settings that name this instance (addresses, paths) and so do not
# change what mariadb-install-db writes.
_INSTANCE_SETTINGS = ('bind-address', 'port', 'datadir', 'tmpdir', 'socket',
                      'pid-file', 'log-error', 'secure_file_priv')


def _cache_key(layout):
    with open(layout.config_file) as config_file:
        settings = [line.strip() for line in config_file
                    if line.strip() and not line.lstrip().startswith('#')
                    # (the configuration group's file, of this instance)
                    and not line.startswith('!include')
                    and line.split('=')[0].strip() not in _INSTANCE_SETTINGS]
    binary = shutil.which(process.BINARY) or shutil.which(
        process.BINARY, path='/usr/sbin:/sbin')
    return datadir_cache.key(binary, settings)


def install_db(layout):
    cache_dir = CONF.guest_agent.datadir_cache_path
    cache_key = _cache_key(layout)
    if datadir_cache.restore(cache_dir, cache_key, layout.datadir):
        return
    _run_install_db(layout)
    datadir_cache.save(cache_dir, cache_key, layout.datadir)


def _run_install_db(layout):
    command = [
        BINARY,
        # First, as the tool requires: the same file the engine will run
        # with (innodb sizes, log-error) and none of the host's /etc/mysql.
        '--defaults-file=%s' % layout.config_file,
        '--user=%s' % layout.engine_user,
        '--datadir=%s' % layout.datadir,
        '--skip-test-db',
        # root logs in only from the system root account, over the socket;
        # the agent's account comes from the init file at the first start
        # (the data directory may be a copy made for another instance, as
        # would be the second account the tool makes, named after a system
        # user: BOOTSTRAP_USER, dropped by that file).
        '--auth-root-authentication-method=socket',
        '--auth-root-socket-user=%s' % BOOTSTRAP_USER,
        # Grant tables name 127.0.0.1/localhost, never this host's name.
        '--skip-name-resolve',
    ]
    returncode, output = common_process.run(command, timeout=TIMEOUT)
    if returncode != 0:
        LOG.error('%s failed (exit code %d): %s', BINARY, returncode, output)
        raise common_process.EngineError(
            'MariaDB data directory initialisation failed: %s' % (
                common_process.error_log_tail(layout.error_log)
                or ' | '.join(output.splitlines()[-3:])))
