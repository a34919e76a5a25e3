"""Backups: records, their states, and the project's backup quota.

Every state change is a conditional UPDATE on the current state, so that a
late report of a guest, a reaper and a user's delete can race without one
undoing the other.
"""
from oslo_utils import timeutils
import sqlalchemy as sa

from trove.backup.state import BackupState
from trove.common import exception
from trove.db.api import quotas
from trove.db import backup_models
from trove.db import session as db_session

_Backup = backup_models.Backup


class BackupNotFound(exception.NotFound):
    message = 'Backup %(uuid)s could not be found.'


def create_backup(values, parent_id=None):
    """Record a NEW backup and count it against the project's quota, in one
    transaction (QuotaExceeded, and nothing recorded, when over). A parent
    must be COMPLETED: its row is updated first, which locks it against a
    racing delete (a delete first moves it to DELETING)."""
    project_id = values['project_id']
    quotas.ensure_usage_rows(project_id)
    with db_session.transaction() as session:
        if parent_id is not None and not session.execute(
                sa.update(_Backup).where(
                    _Backup.id == parent_id, _Backup.deleted.is_(False),
                    _Backup.status == BackupState.COMPLETED)
                .values(updated=timeutils.utcnow())).rowcount:
            raise exception.BadRequest(
                'The parent backup %s is not COMPLETED.' % parent_id)
        quotas.add_usage(session, project_id, {'backups': 1})
        backup = _Backup(parent_id=parent_id, status=BackupState.NEW,
                         **values)
        session.add(backup)
        session.flush()
        return _load(session, backup.id)


def _load(session, backup_id):
    return session.scalars(sa.select(_Backup).where(
        _Backup.id == backup_id)).unique().first()


def _query(project_id, include_deleted=False):
    query = sa.select(_Backup)
    if project_id is not None:
        query = query.where(_Backup.project_id == project_id)
    if not include_deleted:
        query = query.where(_Backup.deleted.is_(False))
    return query


def get_backup(project_id, backup_id, include_deleted=False):
    """``project_id`` None means any project: only for the control plane."""
    with db_session.reader() as session:
        found = session.scalars(_query(project_id, include_deleted).where(
            _Backup.id == backup_id)).unique().first()
    if found is None:
        raise BackupNotFound(uuid=backup_id)
    return found


def list_backups(project_id, instance_id=None, datastore=None, limit=None,
                 marker=None):
    """Newest first, as Trove lists them; ``marker`` is the id of the last
    item of the previous page."""
    query = _query(project_id).order_by(_Backup.created.desc(),
                                        _Backup.id.desc())
    if instance_id:
        query = query.where(_Backup.instance_id == instance_id)
    with db_session.reader() as session:
        if marker:
            last = session.get(_Backup, marker)
            if last is None or (project_id is not None
                                and last.project_id != project_id):
                raise exception.BadRequest('Invalid marker %s.' % marker)
            query = query.where(sa.or_(
                _Backup.created < last.created,
                sa.and_(_Backup.created == last.created,
                        _Backup.id < last.id)))
        rows = session.scalars(query).unique().all()
    if datastore:
        rows = [row for row in rows
                if datastore in (row.datastore_version.datastore.name,
                                 row.datastore_version.datastore_id)]
    return rows[:limit] if limit else rows


def children(backup_id):
    with db_session.reader() as session:
        return session.scalars(_query(None).where(
            _Backup.parent_id == backup_id)).unique().all()


def chain(backup):
    """[full, ..., backup]: what a restore of ``backup`` applies, in order."""
    links = [backup]
    while links[0].parent_id:
        links.insert(0, get_backup(None, links[0].parent_id,
                                   include_deleted=True))
    return links


def set_state(backup_id, status, from_states, **values):
    """Move to ``status`` if the backup is in one of ``from_states``;
    True when moved."""
    with db_session.transaction() as session:
        return session.execute(
            sa.update(_Backup).where(_Backup.id == backup_id,
                                     _Backup.deleted.is_(False),
                                     _Backup.status.in_(from_states))
            .values(status=status, updated=timeutils.utcnow(),
                    **values)).rowcount == 1


def report(backup_id, values, sent):
    """A guest's report on a running backup, unless a newer one was stored
    or the backup already ended (failed by the reaper, say)."""
    with db_session.transaction() as session:
        return session.execute(
            sa.update(_Backup).where(
                _Backup.id == backup_id, _Backup.deleted.is_(False),
                _Backup.status.in_(BackupState.RUNNING),
                sa.or_(_Backup.last_sent.is_(None),
                       _Backup.last_sent < sent))
            .values(last_sent=sent, updated=timeutils.utcnow(),
                    **values)).rowcount == 1


def mark_deleted(backup_id):
    """Delete the record and give its quota back, once."""
    with db_session.transaction() as session:
        backup = session.get(_Backup, backup_id)
        if backup is None or not session.execute(
                sa.update(_Backup).where(_Backup.id == backup_id,
                                         _Backup.deleted.is_(False))
                .values(deleted=True, deleted_at=timeutils.utcnow(),
                        deadline=None)).rowcount:
            return False
        quotas.subtract_usage(session, backup.project_id, {'backups': 1})
        return True


def list_expired(now):
    """Backups running, or being deleted, past their deadline."""
    with db_session.reader() as session:
        return session.scalars(_query(None).where(
            _Backup.status.in_(BackupState.RUNNING + (BackupState.DELETING,)),
            _Backup.deadline.is_not(None),
            _Backup.deadline < now)).unique().all()


def list_new_before(created_before):
    """Backups still NEW (not yet handed to a guest) made before then."""
    with db_session.reader() as session:
        return session.scalars(_query(None).where(
            _Backup.status == BackupState.NEW,
            _Backup.created < created_before)).unique().all()


def list_running(instance_id):
    with db_session.reader() as session:
        return session.scalars(_query(None).where(
            _Backup.instance_id == instance_id,
            _Backup.status.in_(BackupState.RUNNING))).unique().all()
