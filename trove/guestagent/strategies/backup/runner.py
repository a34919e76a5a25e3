"""Runs a backup in the guest and restores a chain at prepare.

Backup: the strategy's raw stream -> compression -> encryption -> storage,
sized and checksummed on the way; then the stored object is read back
from storage and its checksum compared, and only then is the backup
reported COMPLETED. Any failure removes what was stored and reports
FAILED; the conductor ends the instance's BACKUP task either way.
"""
import threading
import traceback

from oslo_log import log as logging

from trove.backup import keys
from trove.backup.state import BackupState
from trove.backup import stream
from trove.common import context as trove_context
from trove.conductor import rpcapi as conductor_rpcapi
from trove.conf import CONF
from trove.guestagent.datastores.common import clock
from trove.guestagent.strategies import storage as guest_storage

LOG = logging.getLogger(__name__)

_running = threading.Lock()


class Runner(object):

    def __init__(self, strategy, conductor=None):
        self.strategy = strategy
        self._conductor = conductor

    def report(self, backup_id, values):
        try:
            if self._conductor is None:
                self._conductor = conductor_rpcapi.ConductorAPI()
            self._conductor.update_backup(trove_context.admin_context(),
                                          backup_id, values, clock.timestamp())
        except Exception:
            LOG.exception('Could not report backup %s to the conductor',
                          backup_id)

    def start(self, info):
        """Run the backup in a thread of its own; one at a time."""
        if not _running.acquire(blocking=False):
            self.report(info['id'], {
                'status': BackupState.FAILED,
                'fault': 'Another backup of this instance is running.'})
            return
        thread = threading.Thread(target=self._run, args=(info,),
                                  name='backup', daemon=True)
        thread.start()
        return thread

    def _run(self, info):
        try:
            self.report(info['id'], {'status': BackupState.BUILDING})
            values = self.backup(info)
        except Exception as error:
            LOG.error('Backup %s failed: %s\n%s', info['id'], error,
                      traceback.format_exc())
            values = {'status': BackupState.FAILED,
                      'fault': 'The backup failed: %s' % error}
        finally:
            _running.release()
        self.report(info['id'], values)

    def backup(self, info):
        """Stream, store and verify; the COMPLETED report's values."""
        storage = guest_storage.load(info['container'], info['storage'])
        name = info['object_name']
        parent = info.get('parent')
        started = clock.monotonic()
        raw = stream.Counter(self.strategy.stream(
            parent['meta'] if parent else None, CONF.backup.chunk_size,
            info.get('deadline')))
        stored = stream.seal(raw, info['compression'],
                             keys.key_bytes(info['data_key']))
        try:
            storage.put(name, stored)
            size, checksum = stream.checksum_of(storage.get(name))
            if (size, checksum) != (stored.size, stored.checksum):
                raise stream.ChecksumMismatch(stored.checksum, checksum)
            meta = dict(self.strategy.meta, format=self.strategy.stream_format,
                        compression=info['compression'],
                        encryption='aes-256-gcm',
                        parent_id=parent['id'] if parent else None,
                        data_size=raw.size, checksum=checksum,
                        wrapped_key=info.get('wrapped_key'))
            storage.put_metadata(name, meta)
        except BaseException:
            _remove_quietly(storage, name)
            raise
        seconds = clock.monotonic() - started
        LOG.info('Backup %s stored: %d raw bytes, %d stored, in %.1fs '
                 '(%.1f MB/s)', info['id'], raw.size, size, seconds,
                 raw.size / 1e6 / max(seconds, 1e-6))
        meta.pop('wrapped_key')
        return {'status': BackupState.COMPLETED, 'size': size,
                'checksum': checksum, 'data_size': raw.size, 'meta': meta}

    def restore(self, backup_info):
        """Restore the chain of ``backup_info`` into the data directory."""
        storage_settings = backup_info['storage']
        chain = backup_info['chain']

        def open_link(link):
            storage = guest_storage.load(link['container'], storage_settings)
            return stream.unseal(storage.get(link['object_name']),
                                 link['meta']['compression'],
                                 keys.key_bytes(link['data_key']),
                                 checksum=link['checksum'])

        started = clock.monotonic()
        LOG.info('Restoring backup %s (a chain of %d)', chain[-1]['id'],
                 len(chain))
        self.strategy.restore(chain, open_link)
        LOG.info('Restored backup %s in %.1fs', chain[-1]['id'],
                 clock.monotonic() - started)


def _remove_quietly(storage, name):
    try:
        storage.delete_with_metadata(name)
    except Exception:
        LOG.warning('Could not remove the partial backup %s', name,
                    exc_info=True)
