"""Backup strategies: the default swift container of a project's backups,
or of one instance's."""
from oslo_db import exception as db_exc
import sqlalchemy as sa

from trove.db import backup_models
from trove.db import session as db_session

_Strategy = backup_models.BackupStrategy


def upsert(project_id, instance_id, backend, swift_container):
    instance_id = instance_id or ''
    for _ in range(2):   # insert, or update what a racing insert made
        try:
            with db_session.transaction() as session:
                found = session.scalars(sa.select(_Strategy).where(
                    _Strategy.project_id == project_id,
                    _Strategy.instance_id == instance_id)).first()
                if found is None:
                    found = _Strategy(project_id=project_id,
                                      instance_id=instance_id)
                    session.add(found)
                found.backend = backend
                found.swift_container = swift_container
                session.flush()
                return found
        except db_exc.DBDuplicateEntry:
            continue


def list_strategies(project_id, instance_id=None):
    query = sa.select(_Strategy).where(_Strategy.project_id == project_id)
    if instance_id:
        query = query.where(_Strategy.instance_id == instance_id)
    with db_session.reader() as session:
        return session.scalars(query.order_by(_Strategy.created)).all()


def delete(project_id, instance_id=None):
    """Returns how many were deleted."""
    with db_session.transaction() as session:
        return session.execute(sa.delete(_Strategy).where(
            _Strategy.project_id == project_id,
            _Strategy.instance_id == (instance_id or ''))).rowcount


def container_for(project_id, instance_id):
    """The instance's own container, else the project's, else None."""
    found = {s.instance_id: s.swift_container
             for s in list_strategies(project_id)}
    return found.get(instance_id) or found.get('')
