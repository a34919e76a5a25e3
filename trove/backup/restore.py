"""What an instance create restores (restorePoint {backupRef}): a
COMPLETED backup of the same datastore version, on a volume its data fits
on."""
from trove.backup.state import BackupState
from trove.common import exception
from trove.db.api import backups as backups_db


def _backup_ref(restore_point):
    ref = (restore_point or {}).get('backupRef') if isinstance(
        restore_point, dict) else None
    if not isinstance(ref, str) or not ref:
        raise exception.BadRequest(
            "'restorePoint' must be {\"backupRef\": <backup id>}.")
    return ref


def datastore_of(project_id, restore_point):
    """{type, version} of the backup, for a create that names none."""
    backup = backups_db.get_backup(project_id, _backup_ref(restore_point))
    return {'type': backup.datastore_version.datastore.name,
            'version': backup.datastore_version.name}


def source(project_id, restore_point, version, volume_size):
    """The backup to restore, checked against the new instance's datastore
    version and volume size (GB)."""
    backup = backups_db.get_backup(project_id, _backup_ref(restore_point))
    if backup.status != BackupState.COMPLETED:
        raise exception.BadRequest('Backup %s is %s, not COMPLETED.'
                                   % (backup.id, backup.status))
    origin = backup.datastore_version
    if (origin.datastore.name != version.datastore.name
            or origin.name != version.name):
        raise exception.BadRequest(
            'Backup %s is of datastore %s %s; it cannot be restored into '
            '%s %s.' % (backup.id, origin.datastore.name, origin.name,
                        version.datastore.name, version.name))
    needed = sum(link.data_size or 0 for link in backups_db.chain(backup))
    if needed > volume_size * 1024 ** 3:
        raise exception.BadRequest(
            'The volume of %s GB is smaller than the %.2f GB of data in '
            'backup %s.' % (volume_size, needed / 1024.0 ** 3, backup.id))
    return backup
