"""Redis backups: a fresh RDB snapshot (BGSAVE) streamed from the data
directory; restored as the base of the append-only file, which is what
Redis loads at start when appendonly is on (a plain dump.rdb would be
ignored)."""
import os
import time

from trove.guestagent.datastores.common import clock
from trove.guestagent.datastores.redis import client
from trove.guestagent import exception
from trove.guestagent.strategies.backup import base

SNAPSHOT = 'dump.rdb'
AOF_DIR = 'appendonlydir'
AOF_BASE = 'appendonly.aof.1.base.rdb'
AOF_MANIFEST = 'appendonly.aof.manifest'
POLL_SECONDS = 0.05


class RedisBackup(base.BackupStrategy):

    stream_format = 'rdb'
    incremental = False

    def _snapshot(self, deadline):
        """BGSAVE, and wait until it is written (rdb_saves counts the
        snapshots written since the server started)."""
        connection = client.connect(self.layout)
        try:
            before = connection.info('persistence')['rdb_saves']
            connection.execute_command('BGSAVE', 'SCHEDULE')
            started = clock.monotonic()
            while True:
                info = connection.info('persistence')
                if (info['rdb_saves'] > before
                        and not info['rdb_bgsave_in_progress']):
                    break
                if (not info['rdb_bgsave_in_progress']
                        and info['rdb_last_bgsave_status'] != 'ok'
                        and clock.monotonic() - started > 1):
                    raise exception.GuestError('BGSAVE failed; see the '
                                               'Redis log')
                if clock.past(deadline):
                    raise exception.GuestError(
                        'the snapshot passed the backup deadline')
                time.sleep(POLL_SECONDS)
            self.meta = {'redis_version':
                         connection.info('server')['redis_version']}
        finally:
            connection.close()

    def stream(self, parent_meta, chunk_size, deadline):
        self._snapshot(deadline)
        # Read through one open file: a later snapshot replaces the file
        # by rename and never changes what is read here.
        with open(os.path.join(self.layout.datadir, SNAPSHOT), 'rb') as rdb:
            while True:
                chunk = rdb.read(chunk_size)
                if not chunk:
                    return
                yield chunk

    def restore(self, chain, open_link):
        (link,) = chain
        aof_dir = os.path.join(self.layout.datadir, AOF_DIR)
        os.makedirs(aof_dir, mode=0o750, exist_ok=True)
        with open(os.path.join(aof_dir, AOF_BASE), 'wb') as out:
            for chunk in open_link(link):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        with open(os.path.join(aof_dir, AOF_MANIFEST), 'w') as manifest:
            manifest.write('file %s seq 1 type b\n' % AOF_BASE)
        base.chown_tree(aof_dir, *self.layout.engine_ids())
