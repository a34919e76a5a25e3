"""Flavors (for the local driver, kept in the control DB)."""
import sqlalchemy as sa

from trove.common import exception
from trove.db import models
from trove.db import session as db_session


def list_flavors():
    with db_session.reader() as session:
        return session.scalars(sa.select(models.Flavor).order_by(
            models.Flavor.ram, models.Flavor.id)).all()


def get_flavor(flavor_id):
    with db_session.reader() as session:
        found = session.get(models.Flavor, str(flavor_id))
    if found is None:
        raise exception.FlavorNotFound(uuid=flavor_id)
    return found


def upsert_flavor(flavor_id, name, ram, vcpus, disk=0):
    with db_session.transaction() as session:
        found = session.get(models.Flavor, str(flavor_id))
        if found is None:
            found = models.Flavor(id=str(flavor_id))
            session.add(found)
        found.name, found.ram, found.vcpus, found.disk = name, ram, vcpus, disk
        return found
