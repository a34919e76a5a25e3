"""The mariadbd process (SIGTERM is its clean shutdown, what mysqladmin
shutdown does)."""
import os

from trove.guestagent.datastores.common import process as common_process

BINARY = 'mariadbd'


def engine(layout):
    return common_process.EngineProcess(
        'MariaDB', layout.process_record, layout.error_log,
        layout.engine_user)


def command(layout):
    argv = [BINARY, '--defaults-file=%s' % layout.config_file]
    if os.geteuid() == 0:
        # mariadbd drops to --user itself, after raising its limits; an
        # agent running as the instance's user starts it as that user.
        argv.append('--user=%s' % layout.engine_user)
    if os.path.exists(layout.init_file):
        argv.append('--init-file=%s' % layout.init_file)
    return argv
