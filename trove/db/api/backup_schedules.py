"""Backup schedules: records, and the claim on each run.

Several taskmanagers may find the same schedule due; a run belongs to the
one whose conditional UPDATE moves ``next_run`` on from the value they all
read (claim_run), so each run happens once.
"""
import sqlalchemy as sa

from trove.common import exception
from trove.db import backup_models
from trove.db import session as db_session

_Schedule = backup_models.BackupSchedule
_Backup = backup_models.Backup


class BackupScheduleNotFound(exception.NotFound):
    message = 'Backup schedule %(uuid)s could not be found.'


def create_schedule(values):
    with db_session.transaction() as session:
        schedule = _Schedule(**values)
        session.add(schedule)
        session.flush()
        return session.get(_Schedule, schedule.id)


def _query(project_id):
    query = sa.select(_Schedule)
    if project_id is not None:
        query = query.where(_Schedule.project_id == project_id)
    return query


def get_schedule(project_id, schedule_id):
    """``project_id`` None means any project: only for the control plane."""
    with db_session.reader() as session:
        found = session.scalars(_query(project_id).where(
            _Schedule.id == schedule_id)).first()
    if found is None:
        raise BackupScheduleNotFound(uuid=schedule_id)
    return found


def list_schedules(project_id, instance_id=None, limit=None, marker=None):
    """Oldest first; ``marker`` is the id of the previous page's last."""
    query = _query(project_id).order_by(_Schedule.created, _Schedule.id)
    if instance_id:
        query = query.where(_Schedule.instance_id == instance_id)
    with db_session.reader() as session:
        if marker:
            last = session.scalars(_query(project_id).where(
                _Schedule.id == marker)).first()
            if last is None:
                raise exception.BadRequest('Invalid marker %s.' % marker)
            query = query.where(sa.or_(
                _Schedule.created > last.created,
                sa.and_(_Schedule.created == last.created,
                        _Schedule.id > last.id)))
        if limit:
            query = query.limit(limit)
        return session.scalars(query).all()


def delete_schedule(project_id, schedule_id):
    """Its backups stay: they are the user's, deleted as any other."""
    with db_session.transaction() as session:
        if not session.execute(sa.delete(_Schedule).where(
                _Schedule.project_id == project_id,
                _Schedule.id == schedule_id)).rowcount:
            raise BackupScheduleNotFound(uuid=schedule_id)


def list_due(now):
    """Every project's schedules whose next run is not later than now."""
    with db_session.reader() as session:
        return session.scalars(_query(None).where(
            _Schedule.next_run <= now).order_by(_Schedule.next_run)).all()


def list_all():
    with db_session.reader() as session:
        return session.scalars(_query(None)).all()


def claim_run(schedule_id, seen_next_run, next_run):
    """True if this caller claimed the run due at ``seen_next_run``,
    moving the schedule's next run to ``next_run``."""
    with db_session.transaction() as session:
        return session.execute(
            sa.update(_Schedule).where(_Schedule.id == schedule_id,
                                       _Schedule.next_run == seen_next_run)
            .values(next_run=next_run)).rowcount == 1


def record_run(schedule_id, **values):
    """last_run, last_backup_id, last_error of the run just made, or a
    sooner next_run (a retry)."""
    with db_session.transaction() as session:
        session.execute(sa.update(_Schedule).where(
            _Schedule.id == schedule_id).values(**values))


def scheduled_backups():
    """Every schedule's backups (not deleted), oldest first, by schedule
    id: one query for a whole retention pass."""
    found = {}
    with db_session.reader() as session:
        for backup in session.scalars(
                sa.select(_Backup).where(_Backup.schedule_id.isnot(None),
                                         _Backup.deleted.is_(False))
                .order_by(_Backup.created, _Backup.id)).unique():
            found.setdefault(backup.schedule_id, []).append(backup)
    return found


def backups_of(project_id, schedule_id):
    """The schedule's backups (not deleted), oldest first."""
    with db_session.reader() as session:
        return session.scalars(
            sa.select(_Backup).where(
                _Backup.project_id == project_id,
                _Backup.schedule_id == schedule_id,
                _Backup.deleted.is_(False))
            .order_by(_Backup.created, _Backup.id)).unique().all()
