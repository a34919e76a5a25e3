"""The periodic pass that runs due backup schedules and applies their
retention.

A run is claimed by moving the schedule's next_run on (a conditional
UPDATE), so that it happens once however many taskmanagers find it due.
A schedule due since before the control plane stopped runs once when it is
back, not once per missed slot. A run that finds its instance busy (a
backup still running, a resize) is tried again at the next pass.
"""
import datetime

from oslo_log import log as logging
from oslo_utils import timeutils

from trove.backup import operations
from trove.backup import schedules
from trove.common import context as trove_context
from trove.common import exception
from trove.conf import CONF
from trove.db.api import backup_schedules as schedules_db

LOG = logging.getLogger(__name__)


class BackupScheduler(object):

    def __init__(self, clock=timeutils.utcnow):
        self.clock = clock

    def __call__(self):
        context = trove_context.admin_context()
        for schedule in schedules_db.list_due(self.clock()):
            try:
                self.run(context, schedule)
            except Exception:
                # One schedule must not stop the others; its next run
                # was claimed, so it is not retried in a loop.
                LOG.exception('Backup schedule %s failed to run.',
                              schedule.id)
        # Two queries per pass, however many schedules there are.
        backups = schedules_db.scheduled_backups()
        for schedule in schedules_db.list_all():
            try:
                self.apply_retention(context, schedule,
                                     backups.get(schedule.id, []))
            except Exception:
                LOG.exception('Retention of backup schedule %s failed.',
                              schedule.id)

    def run(self, context, schedule):
        """True if this call made the schedule's due backup."""
        now = self.clock()
        following = schedules.next_run(schedule, now)
        if not schedules_db.claim_run(schedule.id, schedule.next_run,
                                      following):
            return False   # another taskmanager has this run
        backups = schedules_db.backups_of(schedule.project_id, schedule.id)
        request = schedules.backup_request(schedule, backups, now)
        try:
            backup = operations.create_backup(
                context, schedule.project_id, request,
                schedule_id=schedule.id)
        except exception.InstanceNotActive as busy:
            retry = now + datetime.timedelta(
                seconds=CONF.taskmanager.backup_schedule_interval)
            # Give back the claim, due again soon (not after the next
            # slot); unless the schedule changed meanwhile.
            schedules_db.claim_run(schedule.id, following,
                                   min(retry, following))
            schedules_db.record_run(schedule.id, last_error=str(busy))
            LOG.info('Backup schedule %s: %s', schedule.id, busy)
            return False
        except exception.TroveError as refused:
            # The instance is gone, or its engine refuses: the next slot
            # tries again, and the user sees why meanwhile.
            schedules_db.record_run(schedule.id, last_error=str(refused))
            LOG.warning('Backup schedule %s made no backup: %s',
                        schedule.id, refused)
            return False
        schedules_db.record_run(schedule.id, last_run=now,
                                last_backup_id=backup.id, last_error=None)
        LOG.info('Backup schedule %s started backup %s of instance %s.',
                 schedule.id, backup.id, schedule.instance_id)
        return True

    @staticmethod
    def apply_retention(context, schedule, backups):
        """Deletes, through the ordinary backup delete (stored objects
        too), the schedule's ``backups`` (oldest first) beyond its
        ``keep``."""
        backups = [b for b in backups if b.project_id == schedule.project_id]
        for backup in schedules.retention_choice(backups, schedule.keep):
            try:
                operations.delete_backup(context, schedule.project_id,
                                         backup.id)
            except exception.TroveError as refused:
                # A child still being deleted, say: the next pass retries.
                LOG.info('Retention of schedule %s keeps backup %s for '
                         'now: %s', schedule.id, backup.id, refused)
            else:
                LOG.info('Retention of schedule %s deletes backup %s.',
                         schedule.id, backup.id)
