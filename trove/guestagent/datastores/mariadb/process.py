"""The mariadbd process (SIGTERM is its clean shutdown, what mysqladmin
shutdown does)."""
from trove.guestagent.datastores.common import process as common_process
from trove.guestagent.datastores.mariadb import layout as mariadb_layout

BINARY = 'mariadbd'


def engine(layout):
    return common_process.EngineProcess(
        'MariaDB', layout.process_record, layout.error_log,
        mariadb_layout.ENGINE_USER)


def command(layout):
    return [BINARY, '--defaults-file=%s' % layout.config_file,
            '--user=%s' % mariadb_layout.ENGINE_USER]
