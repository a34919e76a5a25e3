"""Instances of every project, deleted ones too (the admins' view)."""
import sqlalchemy as sa

from trove.common import exception
from trove.db import models
from trove.db import session as db_session


def list_instances(project_id=None, deleted=None, limit=None, marker=None):
    """Oldest first. ``deleted``: None for all, True for the deleted only,
    False for the live only; ``marker``: the id of the last item of the
    previous page."""
    instance = models.Instance
    query = sa.select(instance).order_by(instance.created, instance.id)
    if project_id:
        query = query.where(instance.project_id == project_id)
    if deleted is not None:
        query = query.where(instance.deleted.is_(bool(deleted)))
    with db_session.reader() as session:
        if marker:
            last = session.get(instance, marker)
            if last is None:
                raise exception.BadRequest(reason='invalid marker %s'
                                           % marker)
            query = query.where(sa.or_(
                instance.created > last.created,
                sa.and_(instance.created == last.created,
                        instance.id > last.id)))
        if limit:
            query = query.limit(limit)
        return session.scalars(query).unique().all()
