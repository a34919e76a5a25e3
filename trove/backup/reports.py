"""What a guest reports about a backup it runs, written by the conductor.

Reports carry the guest's clock (``sent``): an older one than stored is
dropped, and so is any report on a backup that already ended, so a late
message never revives a backup the reaper failed. The outcome (COMPLETED
or FAILED) ends the instance's BACKUP task.
"""
import json

from oslo_log import log as logging

from trove.backup.state import BackupState
from trove.db.api import backups as backups_db
from trove.db.api import instances as instances_db
from trove.instance.status import Task

LOG = logging.getLogger(__name__)

STATUSES = (BackupState.BUILDING, BackupState.COMPLETED, BackupState.FAILED)
FIELDS = ('status', 'size', 'checksum', 'data_size', 'meta', 'fault')


def store(backup_id, values, sent):
    values = {key: value for key, value in (values or {}).items()
              if key in FIELDS}
    if values.get('status') not in STATUSES:
        LOG.warning('Backup %s: report without a known status ignored.',
                    backup_id)
        return False
    if values['status'] == BackupState.COMPLETED and not (
            values.get('checksum') and values.get('size') is not None):
        LOG.warning('Backup %s reported COMPLETED without its size and '
                    'checksum; recorded as FAILED.', backup_id)
        values = {'status': BackupState.FAILED,
                  'fault': 'The guest reported no checksum.'}
    if isinstance(values.get('meta'), dict):
        values['meta'] = json.dumps(values['meta'], sort_keys=True)
    if 'fault' in values and values['fault']:
        values['fault'] = values['fault'][:1024]
    ended = values['status'] != BackupState.BUILDING
    if ended:
        values['deadline'] = None
    if not backups_db.report(backup_id, values, sent):
        LOG.info('Dropped a stale report on backup %s.', backup_id)
        return False
    LOG.info('Backup %s is %s.', backup_id, values['status'])
    if ended:
        backup = backups_db.get_backup(None, backup_id)
        if backup.instance_id:
            instances_db.end_task(backup.instance_id, Task.BACKUP)
    return True
