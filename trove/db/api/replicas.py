"""Queries of replication sets: a source's replicas, scoped by project."""
import sqlalchemy as sa

from trove.db import models
from trove.db import session as db_session


def replica_ids(project_id, source_id):
    """Ids of the live replicas of a project's instance, oldest first."""
    query = sa.select(models.Instance.id).where(
        models.Instance.project_id == project_id,
        models.Instance.replica_of_id == source_id,
        models.Instance.deleted.is_(False)).order_by(
            models.Instance.created, models.Instance.id)
    with db_session.reader() as session:
        return list(session.scalars(query))


def set_replica_of(project_id, instance_id, source_id):
    """Attach (source_id) or detach (None) a project's instance."""
    with db_session.transaction() as session:
        session.execute(sa.update(models.Instance).where(
            models.Instance.project_id == project_id,
            models.Instance.id == instance_id).values(
                replica_of_id=source_id))
