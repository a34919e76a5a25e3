"""Which group an instance should run with, and what its guest has.

Attach and detach raise the instance's ``serial``; the taskmanager pushes
what the instance should run with to its guest and records the serial it
pushed as applied. Anything whose serials differ is still due, which the
taskmanager's sync pass re-drives."""
from oslo_db import exception as db_exception
from oslo_utils import timeutils
import sqlalchemy as sa

from trove.db import configuration_models as cm
from trove.db import models
from trove.db import session as db_session

_State = cm.InstanceConfiguration


def get_state(instance_id):
    """The instance's InstanceConfiguration (group loaded), or None."""
    with db_session.reader() as session:
        return session.scalars(sa.select(_State).where(
            _State.instance_id == instance_id)).unique().first()


def _ensure_row(instance_id):
    if get_state(instance_id) is not None:
        return
    try:
        with db_session.transaction() as session:
            session.add(_State(instance_id=instance_id, serial=0,
                               applied_serial=0, restart_required=False))
    except db_exception.DBDuplicateEntry:
        pass  # a racing request made it


def attach(instance_id, configuration_id):
    """Make ``configuration_id`` the instance's group unless another one
    is attached; True when it is now attached."""
    _ensure_row(instance_id)
    with db_session.transaction() as session:
        return session.execute(
            sa.update(_State)
            .where(_State.instance_id == instance_id,
                   sa.or_(_State.configuration_id.is_(None),
                          _State.configuration_id == configuration_id))
            .values(configuration_id=configuration_id,
                    serial=_State.serial + 1,
                    updated=timeutils.utcnow())).rowcount == 1


def detach(instance_id):
    """Back to the template defaults; False if no group was attached."""
    with db_session.transaction() as session:
        return session.execute(
            sa.update(_State)
            .where(_State.instance_id == instance_id,
                   _State.configuration_id.is_not(None))
            .values(configuration_id=None, serial=_State.serial + 1,
                    updated=timeutils.utcnow())).rowcount == 1


def mark_applied(instance_id, serial, restart_required):
    """The guest has what ``serial`` asked for (ignored if a newer change
    came meanwhile: that one is still due). ``restart_required`` None
    leaves the flag as it is."""
    values = {'applied_serial': serial, 'updated': timeutils.utcnow()}
    if restart_required is not None:
        values['restart_required'] = restart_required
    with db_session.transaction() as session:
        return session.execute(
            sa.update(_State).where(_State.instance_id == instance_id,
                                    _State.serial == serial)
            .values(**values)).rowcount == 1


def clear_restart_required(instance_id, session=None):
    """The engine restarted, and with it read every config file."""
    if session is None:
        with db_session.transaction() as session:
            return clear_restart_required(instance_id, session)
    session.execute(
        sa.update(_State).where(_State.instance_id == instance_id,
                                _State.restart_required.is_(True))
        .values(restart_required=False, updated=timeutils.utcnow()))


def list_due():
    """Ids of live instances whose guest lacks the latest change."""
    with db_session.reader() as session:
        return list(session.scalars(
            sa.select(_State.instance_id)
            .join(models.Instance, models.Instance.id == _State.instance_id)
            .where(_State.serial != _State.applied_serial,
                   models.Instance.deleted.is_(False))
            .order_by(_State.instance_id)))


def list_using(configuration_id):
    """Ids of live instances that should run with ``configuration_id``."""
    with db_session.reader() as session:
        return list(session.scalars(
            sa.select(_State.instance_id)
            .join(models.Instance, models.Instance.id == _State.instance_id)
            .where(_State.configuration_id == configuration_id,
                   models.Instance.deleted.is_(False))
            .order_by(_State.instance_id)))
