"""Reservations: resources set aside for an operation in flight on an
instance (the extra GB of a volume resize) until it commits or releases
them. Each is a row, so a release is idempotent and whoever ends the
operation (the taskmanager, or the reaper after a crash) can give it
back."""
from oslo_utils import timeutils
import sqlalchemy as sa

from trove.db.api import quotas
from trove.db import models
from trove.db import session as db_session

_Reservation = models.QuotaReservation
_Usage = models.QuotaUsage


def reserve(instance_id, project_id, deltas):
    """Set ``deltas`` ({resource: amount}) aside for an operation on an
    instance; QuotaExceeded when they do not fit."""
    quotas.ensure_usage_rows(project_id)
    with db_session.transaction() as session:
        quotas.add_usage(session, project_id, deltas, column='reserved')
        for resource, delta in deltas.items():
            session.add(_Reservation(instance_id=instance_id,
                                     project_id=project_id,
                                     resource=resource, delta=delta))


def release(instance_id, session=None):
    """Give back whatever is reserved for the instance; idempotent."""
    if session is None:
        with db_session.transaction() as session:
            return release(instance_id, session)
    for found in session.scalars(sa.select(_Reservation).where(
            _Reservation.instance_id == instance_id)).all():
        deleted = session.execute(sa.delete(_Reservation).where(
            _Reservation.id == found.id)).rowcount
        if deleted:  # else a racing release already gave it back
            quotas.subtract_usage(session, found.project_id,
                                  {found.resource: found.delta},
                                  column='reserved')


def commit_volume_size(instance_id, new_size):
    """Record a grown volume: its size, the project's volume usage and the
    end of its reservation, in one transaction. False if the instance was
    deleted meanwhile (its usage went with it)."""
    instance = models.Instance
    with db_session.transaction() as session:
        project_id, old_size = session.execute(
            sa.select(instance.project_id, instance.volume_size)
            .where(instance.id == instance_id)).one()
        release(instance_id, session)
        changed = session.execute(
            sa.update(instance).where(instance.id == instance_id,
                                      instance.deleted.is_(False))
            .values(volume_size=new_size)).rowcount
        if not changed:
            return False
        session.execute(
            sa.update(_Usage).where(_Usage.project_id == project_id,
                                    _Usage.resource == 'volumes')
            .values(in_use=_Usage.in_use + (new_size - (old_size or 0)),
                    updated=timeutils.utcnow()))
    return True


def release_instance(session, instance_id):
    """Give back all a deleted instance held, its usage and reservations
    (its caller marks it deleted, once, in ``session``)."""
    instance = models.Instance
    project_id, volume_size = session.execute(
        sa.select(instance.project_id, instance.volume_size)
        .where(instance.id == instance_id)).one()
    release(instance_id, session)
    quotas.subtract_usage(session, project_id,
                          {'instances': 1, 'volumes': volume_size or 0})
