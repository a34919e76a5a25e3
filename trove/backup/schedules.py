"""Backup schedules: creating one, making a scheduled run's backup through
the ordinary backup workflow, and choosing what retention deletes.

A schedule's backups are ordinary backups (listed, restored and deleted as
any other), named after the schedule and recorded with its id.
"""
from oslo_log import log as logging

from trove.backup import cron
from trove.backup import operations
from trove.backup.state import BackupState
from trove.common import exception
from trove.db.api import backup_schedules as schedules_db
from trove.db.api import instances as instances_db

LOG = logging.getLogger(__name__)

# Sorts between the run's start and its backup's name; UTC, to the second.
TIMESTAMP_FORMAT = '%Y%m%dT%H%M%SZ'


def create_schedule(project_id, request, now):
    """``request``: the validated "backup_schedule" object. 400 for a cron
    expression that is invalid or never matches, 404 for an instance that
    is not the project's, 400/422 if its engine cannot do such backups."""
    try:
        next_run = cron.validate(request['cron'], now)
    except cron.CronError as error:
        raise exception.BadRequest("'cron': %s" % error)
    instance = instances_db.get_instance(project_id, request['instance_id'])
    incremental = bool(request.get('incremental'))
    operations.check_engine(instance.datastore_version, incremental)
    return schedules_db.create_schedule({
        'name': request['name'], 'project_id': project_id,
        'instance_id': instance.id, 'cron': request['cron'],
        'incremental': incremental, 'keep': request['keep'],
        'next_run': next_run})


def next_run(schedule, now):
    """When the schedule runs after one due now: the first slot after now,
    so that runs missed while no taskmanager ran are made up by one."""
    return cron.next_after(cron.parse(schedule.cron), now)


def parent_for(schedule, backups):
    """The parent of the next backup of an incremental schedule: its newest
    COMPLETED backup; None (a full backup) for the first, and whenever
    that newest one ends a chain already ``keep`` long (the
    schedule's). Restarting chains
    so is what lets retention delete anything: no backup of a chain the
    kept ones build on may go."""
    if not schedule.incremental:
        return None
    completed = [b for b in backups if b.status == BackupState.COMPLETED]
    if not completed:
        return None
    newest = completed[-1]
    by_id = {b.id: b for b in backups}
    if len(_with_ancestors(newest, by_id)) >= schedule.keep:
        return None
    return newest


def backup_request(schedule, backups, now):
    """The "backup" object the run makes, as POST /backups takes it."""
    parent = parent_for(schedule, backups)
    return {'name': '%s-%s' % (schedule.name, now.strftime(TIMESTAMP_FORMAT)),
            'instance': schedule.instance_id,
            'description': 'Made by backup schedule %s (%s).'
                           % (schedule.name, schedule.id),
            'parent_id': parent.id if parent is not None else None}


def _with_ancestors(backup, by_id):
    found = set()
    while backup is not None and backup.id not in found:
        found.add(backup.id)
        backup = by_id.get(backup.parent_id)
    return found


def retention_choice(backups, keep):
    """Which of a schedule's backups (oldest first) retention deletes, the
    newest first (children before their parents): those older than the
    newest ``keep`` COMPLETED ones, except what a kept or running backup
    builds on."""
    completed = [b for b in backups if b.status == BackupState.COMPLETED]
    if len(completed) <= keep:
        return []
    kept = completed[-keep:]
    by_id = {b.id: b for b in backups}
    needed = set()
    for backup in kept + [b for b in backups
                          if b.status in BackupState.RUNNING]:
        needed |= _with_ancestors(backup, by_id)
    oldest_kept = backups.index(kept[0])
    return [b for b in reversed(backups[:oldest_kept])
            if b.id not in needed and b.status in BackupState.DELETABLE]
