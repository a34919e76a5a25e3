"""Backups in the taskmanager: hand a NEW backup to its guest, remove a
deleted one's objects, and fail what outlived its deadline.

The taskmanager holds the [backup] encryption_key: it makes each backup's
data key, keeps it only wrapped, and gives guests the keys they need
through their own encrypted RPC.
"""
import datetime
import json

from oslo_log import log as logging
from oslo_utils import timeutils

from trove.backup import compression
from trove.backup import keys as backup_keys
from trove.backup import operations as backup_operations
from trove.backup.state import BackupState
from trove.backup.storage import base as storage_base
from trove.common import context as trove_context
from trove.compute.base import PowerState
from trove.conf import CONF
from trove.db.api import backups as backups_db
from trove.db.api import instances as instances_api
from trove.guestagent import rpcapi as guest_rpcapi
from trove.instance import keys
from trove.instance.status import Task

LOG = logging.getLogger(__name__)


def _meta(backup):
    return json.loads(backup.meta) if backup.meta else {}


def link(backup, data_key=None):
    """What a guest needs of one backup of a chain to read it back."""
    return {'id': backup.id, 'parent_id': backup.parent_id,
            'container': backup.container,
            'object_name': backup.object_name, 'checksum': backup.checksum,
            'meta': _meta(backup),
            'data_key': data_key or backup_keys.unwrap(backup.wrapped_key)}


def create(context, backup_id):
    backup = backups_db.get_backup(None, backup_id)
    if backup.status != BackupState.NEW:
        LOG.info('Backup %s is %s, not NEW; not started again.', backup.id,
                 backup.status)
        return
    try:
        _start(context, backup)
    except Exception as error:
        LOG.exception('Backup %s could not be started.', backup.id)
        fail(backup, 'The backup could not be started: %s' % error)


def _start(context, backup):
    instance = instances_api.get_instance(None, backup.instance_id)
    strategy = backup_operations.strategy_class(backup.datastore_version)
    algorithm = compression.default_algorithm()
    data_key, wrapped_key = backup_keys.new_wrapped_key()
    name = '%s.%s.%s.enc' % (backup.id, strategy.stream_format,
                             compression.suffix(algorithm))
    settings = storage_base.settings(backup.storage_driver)
    location = storage_base.load(backup.container, settings).location(name)
    meta = {'format': strategy.stream_format, 'compression': algorithm,
            'encryption': 'aes-256-gcm'}
    if not backups_db.set_state(
            backup.id, BackupState.BUILDING, (BackupState.NEW,),
            wrapped_key=wrapped_key, object_name=name, location=location,
            meta=json.dumps(meta)):
        return
    parent = None
    if backup.parent_id:
        parent = link(backups_db.get_backup(None, backup.parent_id))
        parent.pop('data_key')  # a child needs its parent's positions only
    guest = guest_rpcapi.GuestAPI(context, instance.id,
                                  keys.decrypt_key(instance.encrypted_key))
    guest.create_backup({
        'id': backup.id, 'object_name': name, 'container': backup.container,
        'storage': settings, 'compression': algorithm, 'data_key': data_key,
        'wrapped_key': wrapped_key, 'parent': parent,
        'deadline': backup.deadline.timestamp() if backup.deadline else None,
    })
    LOG.info('Backup %s of instance %s handed to its guest.', backup.id,
             instance.id)


def fail(backup, message):
    """FAILED with ``message``, whatever stored bytes removed, and its
    instance out of the BACKUP task."""
    if backups_db.set_state(backup.id, BackupState.FAILED,
                            BackupState.RUNNING, fault=message[:1024],
                            deadline=None):
        LOG.warning('Backup %s failed: %s', backup.id, message)
    if backup.instance_id:
        instances_api.end_task(backup.instance_id, Task.BACKUP)
    if backup.object_name:
        try:
            storage_base.load(
                backup.container,
                storage_base.settings(backup.storage_driver),
            ).delete_with_metadata(backup.object_name)
        except Exception:
            LOG.warning('Could not remove the objects of failed backup %s.',
                        backup.id, exc_info=True)


def delete(backup_id):
    backup = backups_db.get_backup(None, backup_id)
    if backup.status != BackupState.DELETING:
        return
    try:
        if backup.object_name:
            storage_base.load(
                backup.container,
                storage_base.settings(backup.storage_driver),
            ).delete_with_metadata(backup.object_name)
    except Exception as error:
        LOG.exception('Deleting the objects of backup %s failed.', backup.id)
        backups_db.set_state(backup.id, BackupState.DELETE_FAILED,
                             (BackupState.DELETING,), deadline=None,
                             fault=('Deleting the stored backup failed: %s'
                                    % error)[:1024])
        return
    backups_db.mark_deleted(backup.id)
    LOG.info('Backup %s deleted.', backup.id)


def fail_instance(instance_id, message):
    """Fail every running backup of an instance, and end its BACKUP task."""
    for backup in backups_db.list_running(instance_id):
        fail(backup, message)
    instances_api.end_task(instance_id, Task.BACKUP)


def reap(driver, now=None):
    """Fail backups past their deadline (their guest or taskmanager died,
    or their engine hung) or whose guest is no longer running, re-drive
    deletes that did not finish, and hand over backups that no
    taskmanager handed to their guest."""
    now = now or timeutils.utcnow()
    handoff = datetime.timedelta(seconds=CONF.backup.handoff_timeout)
    for backup in backups_db.list_new_before(now - handoff):
        LOG.warning('Backup %s is still NEW after %ss (its taskmanager '
                    'died?); handing it to its guest now.', backup.id,
                    CONF.backup.handoff_timeout)
        # Another taskmanager doing it meanwhile is fine: of two, only one
        # moves it out of NEW.
        create(trove_context.admin_context(), backup.id)
    for backup in backups_db.list_expired(now):
        if backup.status == BackupState.DELETING:
            LOG.warning('Re-driving the delete of backup %s.', backup.id)
            delete(backup.id)
        else:
            fail(backup, 'The backup did not finish in time.')
    for instance in instances_api.list_in_task(Task.BACKUP):
        if (instance.compute_id
                and driver.power_state(instance.id) == PowerState.SHUTDOWN):
            fail_instance(instance.id, 'The guest agent stopped during the '
                                       'backup.')


def restore_info(backup_id):
    """The chain (full first) of the backup a new instance restores, with
    the data keys to read it."""
    backup = backups_db.get_backup(None, backup_id)
    settings = storage_base.settings(backup.storage_driver)
    return {'storage': settings,
            'chain': [link(item) for item in backups_db.chain(backup)]}
