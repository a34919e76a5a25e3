"""PostgreSQL backups with pg_basebackup: a tar of the running cluster,
with the WAL it needs, streamed to stdout; restored by untarring it into
the data directory, where the server replays that WAL at its first start.

PostgreSQL 15 has no incremental backups (17 brings them).
"""
import contextlib
import os

from trove.guestagent.datastores.postgresql import client
from trove.guestagent.datastores.postgresql import layout as pg_layout
from trove.guestagent.strategies.backup import base
from trove.guestagent.strategies.backup import tools

# A temporary slot lives as long as the agent's session: it keeps the WAL
# that the backup fetches at its end from being recycled meanwhile, and
# vanishes with the session should the agent die.
SLOT = 'trove_backup'


class PostgreSQLBackup(base.BackupStrategy):

    stream_format = 'tar'
    incremental = False

    @contextlib.contextmanager
    def _wal_kept(self):
        connection = client.connect(self.layout)
        try:
            with connection.cursor() as cur:
                cur.execute('SELECT pg_create_physical_replication_slot('
                            '%s, true, true)', (SLOT,))
                cur.execute('SELECT pg_current_wal_lsn()::text, '
                            'current_setting(%s)', ('server_version',))
                start_lsn, version = cur.fetchone()
            yield connection, start_lsn, version
        finally:
            connection.close()

    def stream(self, parent_meta, chunk_size, deadline):
        binary = os.path.join(self.datastore.bin_dir, 'pg_basebackup')
        with self._wal_kept() as (connection, start_lsn, version):
            command = [
                binary, '--host', self.layout.socket_dir,
                '--port', str(pg_layout.PORT), '--username', client.SUPERUSER,
                '--pgdata', '-', '--format', 'tar',
                # The WAL of the backup's span goes into the tar itself
                # (streaming it is not possible into stdout).
                '--wal-method', 'fetch', '--checkpoint', 'fast',
                '--no-manifest', '--no-password',
            ]
            yield from tools.read(command, chunk_size, deadline=deadline)
            with connection.cursor() as cur:
                cur.execute('SELECT pg_current_wal_lsn()::text')
                end_lsn = cur.fetchone()[0]
        self.meta = {'start_lsn': start_lsn, 'end_lsn': end_lsn,
                     'server_version': version}

    def restore(self, chain, open_link):
        (link,) = chain
        datadir = self.layout.datadir
        os.makedirs(datadir, mode=0o700, exist_ok=True)
        uid, gid = self.layout.engine_ids()
        os.chown(datadir, uid, gid)
        os.chmod(datadir, 0o700)
        tools.write(['tar', '-x', '-f', '-', '-C', datadir],
                    open_link(link), user=self.layout.engine_user)
