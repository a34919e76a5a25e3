"""The mariadbd process: start it detached, find it again, stop it.

SIGTERM is mariadbd's clean shutdown (what mysqladmin shutdown does).
"""
from trove.guestagent.datastores.common import process as common_process
from trove.guestagent.datastores.mariadb import layout as mariadb_layout

BINARY = 'mariadbd'
START_TIMEOUT = common_process.START_TIMEOUT
STOP_TIMEOUT = common_process.STOP_TIMEOUT
POLL_INTERVAL = common_process.POLL_INTERVAL
EngineError = common_process.EngineError


def engine(layout):
    return common_process.EngineProcess(
        'MariaDB', layout.process_record, layout.error_log,
        mariadb_layout.ENGINE_USER)


def error_log_tail(layout, lines=3):
    return common_process.error_log_tail(layout.error_log, lines)


def find(layout):
    """The running engine as a psutil.Process, or None."""
    return engine(layout).find()


def start(layout):
    # Started as root: mariadbd drops to --user itself, after raising its
    # limits (open files) as only root can.
    return engine(layout).start(
        [BINARY, '--defaults-file=%s' % layout.config_file,
         '--user=%s' % mariadb_layout.ENGINE_USER], switch_user=False)


def wait_ready(layout, child, ready, timeout=START_TIMEOUT):
    """Poll ``ready(layout)`` until true; fail fast if the engine exits."""
    engine(layout).wait_ready(child, lambda: ready(layout), timeout)


def stop(layout, timeout=STOP_TIMEOUT):
    return engine(layout).stop(timeout)


def kill(layout):
    engine(layout).kill()
