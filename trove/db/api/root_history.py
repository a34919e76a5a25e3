"""Which instances root was ever enabled on (GET /root)."""
from oslo_db import exception as db_exception
import sqlalchemy as sa

from trove.db import models
from trove.db import session as db_session


def record(instance_id, user):
    """Remember the first enabling; later ones change nothing."""
    if was_enabled(instance_id):
        return
    try:
        with db_session.transaction() as session:
            session.add(models.RootEnabledHistory(instance_id=instance_id,
                                                  user=user))
    except db_exception.DBDuplicateEntry:
        pass  # a concurrent request recorded it first


def was_enabled(instance_id):
    with db_session.reader() as session:
        return session.scalar(sa.select(sa.func.count()).where(
            models.RootEnabledHistory.instance_id == instance_id)) > 0
