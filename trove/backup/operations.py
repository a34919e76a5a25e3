"""Creating and deleting backups: checks, the recorded intent, the cast.

A backup takes its instance with the BACKUP task (a conditional UPDATE, as
every instance action does) and records itself NEW with a deadline before
anything is cast, so that a lost cast or a dead taskmanager or guest is
ended by the reaper: the backup FAILED, the instance ACTIVE.
"""
import collections
import datetime

from oslo_log import log as logging
from oslo_utils import excutils
from oslo_utils import timeutils

from trove.backup.state import BackupState
from trove.common import exception
from trove.conf import CONF
from trove.datastore import capabilities
from trove.db.api import backup_strategies
from trove.db.api import backups as backups_db
from trove.db.api import instances as instances_db
from trove.instance import actions
from trove.instance.status import Task
from trove.taskmanager import rpcapi

LOG = logging.getLogger(__name__)


# What the control plane needs of the guest's backup strategy: the stream
# it writes (which names the object) and whether it does incrementals.
Strategy = collections.namedtuple('Strategy', ['stream_format',
                                               'incremental'])


def strategy_class(version):
    """The backup strategy of a datastore version, from its recorded
    capabilities (the guest's code is never loaded here), or None."""
    caps = capabilities.of_version(version)
    if not caps.supports('backup'):
        return None
    return Strategy(caps.backup_format, caps['incremental_backup'])


def check_engine(version, incremental):
    strategy = strategy_class(version)
    label = '%s %s' % (version.datastore.name, version.name)
    if strategy is None:
        raise exception.DatastoreOperationNotSupported(
            datastore=label, operation='backups')
    if incremental and not strategy.incremental:
        raise exception.BadRequest(
            'incremental backups are not supported by %s' % label)


def _parent(project_id, request, instance):
    parent_id = request.get('parent_id')
    if parent_id is None and request.get('incremental'):
        # Trove's --incremental: on top of the instance's newest backup.
        completed = [b for b in backups_db.list_backups(
            project_id, instance_id=instance.id)
            if b.status == BackupState.COMPLETED]
        if not completed:
            raise exception.BadRequest(
                'Instance %s has no completed backup to base an '
                'incremental backup on.' % instance.id)
        return completed[0]
    if parent_id is None:
        return None
    parent = backups_db.get_backup(project_id, parent_id)
    if parent.instance_id != instance.id:
        raise exception.BadRequest(
            'The parent backup %s is of another instance.' % parent_id)
    if parent.status != BackupState.COMPLETED:
        raise exception.BadRequest(
            'The parent backup %s is %s, not COMPLETED.'
            % (parent_id, parent.status))
    return parent


def _container(project_id, instance_id, request):
    if CONF.backup.storage_driver != 'swift':
        return 'database_backups'
    return (request.get('swift_container')
            or backup_strategies.container_for(project_id, instance_id)
            or CONF.backup.swift_container)


def create_backup(context, project_id, request, schedule_id=None):
    """``request``: the validated "backup" object of POST /backups;
    ``schedule_id``: the backup schedule making it, if one is."""
    driver = request.get('storage_driver') or CONF.backup.storage_driver
    if driver != CONF.backup.storage_driver:
        raise exception.BadRequest(
            "Storage driver '%s' is not available; this cloud stores "
            "backups with '%s'." % (driver, CONF.backup.storage_driver))
    instance = instances_db.get_instance(project_id, request['instance'])
    version = instance.datastore_version
    parent = _parent(project_id, request, instance)
    check_engine(version, parent is not None)
    actions.take(instance, Task.BACKUP, CONF.backup.backup_timeout,
                 ('ACTIVE',))
    deadline = timeutils.utcnow() + datetime.timedelta(
        seconds=CONF.backup.backup_timeout)
    try:
        backup = backups_db.create_backup(
            {'name': request['name'],
             'description': request.get('description'),
             'project_id': project_id, 'instance_id': instance.id,
             'datastore_version_id': version.id, 'deadline': deadline,
             'storage_driver': driver, 'schedule_id': schedule_id,
             'container': _container(project_id, instance.id, request)},
            parent_id=parent.id if parent is not None else None)
    except Exception:
        with excutils.save_and_reraise_exception():
            instances_db.end_task(instance.id, Task.BACKUP)
    LOG.info('Backup %s of instance %s recorded', backup.id, instance.id)
    try:
        rpcapi.TaskManagerAPI().create_backup(context, backup.id)
    except Exception:
        with excutils.save_and_reraise_exception():
            backups_db.set_state(backup.id, BackupState.FAILED,
                                 BackupState.RUNNING,
                                 fault='The backup could not be started.')
            instances_db.end_task(instance.id, Task.BACKUP)
    return backup


def delete_backup(context, project_id, backup_id):
    """409 while other backups build on this one; 422 while it runs."""
    backup = backups_db.get_backup(project_id, backup_id)
    if backup.status in BackupState.RUNNING:
        raise exception.UnprocessableEntity(
            'Backup %s is %s; delete it once it has finished.'
            % (backup.id, backup.status))
    deadline = timeutils.utcnow() + datetime.timedelta(
        seconds=CONF.taskmanager.delete_timeout)
    previous = backup.status
    # Moving to DELETING first stops new children (they need a COMPLETED
    # parent); the children check then sees every child that got in.
    if previous != BackupState.DELETING and not backups_db.set_state(
            backup.id, BackupState.DELETING, BackupState.DELETABLE,
            deadline=deadline):
        raise exception.UnprocessableEntity(
            'Backup %s changed state meanwhile; try again.' % backup.id)
    children = backups_db.children(backup.id)
    if children:
        backups_db.set_state(backup.id, previous, (BackupState.DELETING,),
                             deadline=None)
        raise exception.Conflict(
            'Backup %s is the parent of backup(s) %s: delete them first.'
            % (backup.id, ', '.join(child.id for child in children)))
    rpcapi.TaskManagerAPI().delete_backup(context, backup.id)
