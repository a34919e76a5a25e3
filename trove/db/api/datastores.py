"""Datastores and their versions (not project-scoped: offered to all)."""
from oslo_utils import uuidutils
import sqlalchemy as sa

from trove.common import exception
from trove.db import models
from trove.db import session as db_session


def list_datastores():
    with db_session.reader() as session:
        return session.scalars(
            sa.select(models.Datastore).order_by(models.Datastore.name)).all()


def get_datastore(id_or_name):
    with db_session.reader() as session:
        found = session.scalars(sa.select(models.Datastore).where(sa.or_(
            models.Datastore.id == id_or_name,
            models.Datastore.name == id_or_name))).first()
    if found is None:
        raise exception.DatastoreNotFound(datastore=id_or_name)
    return found


def list_versions(datastore_id, only_active=True):
    query = sa.select(models.DatastoreVersion).where(
        models.DatastoreVersion.datastore_id == datastore_id)
    if only_active:
        query = query.where(models.DatastoreVersion.active.is_(True))
    with db_session.reader() as session:
        return session.scalars(
            query.order_by(models.DatastoreVersion.name)).all()


def get_version(datastore_id, id_or_name):
    with db_session.reader() as session:
        found = session.scalars(sa.select(models.DatastoreVersion).where(
            models.DatastoreVersion.datastore_id == datastore_id,
            sa.or_(models.DatastoreVersion.id == id_or_name,
                   models.DatastoreVersion.name == id_or_name))).first()
    if found is None:
        raise exception.DatastoreVersionNotFound(version=id_or_name)
    return found


def get_version_by_id(version_id):
    with db_session.reader() as session:
        found = session.get(models.DatastoreVersion, version_id)
    if found is None:
        raise exception.DatastoreVersionNotFound(version=version_id)
    return found


def upsert_datastore(name, default_version_name=None):
    """Create the datastore if missing; set its default version by name."""
    with db_session.transaction() as session:
        datastore = session.scalars(sa.select(models.Datastore).where(
            models.Datastore.name == name)).first()
        if datastore is None:
            datastore = models.Datastore(id=uuidutils.generate_uuid(),
                                         name=name)
            session.add(datastore)
            session.flush()
        if default_version_name:
            version = session.scalars(sa.select(models.DatastoreVersion).where(
                models.DatastoreVersion.datastore_id == datastore.id,
                models.DatastoreVersion.name == default_version_name)).first()
            if version is None:
                raise exception.DatastoreVersionNotFound(
                    version=default_version_name)
            datastore.default_version_id = version.id
        return datastore


# An image argument not given: the version keeps the image it has.
KEEP = object()


def upsert_version(datastore_name, name, manager, image_id=KEEP,
                   packages=None, active=True, version=None,
                   capabilities=None, image_tags=KEEP):
    """``capabilities``: the JSON text of what the engine supports
    (trove.datastore.capabilities); None leaves it to the manager's
    manifest, read when needed. ``image_id`` and ``image_tags`` (a list
    of Glance tags; None or empty: none) stay as they are unless given,
    so that registering the host's engines again keeps the operator's
    images."""
    with db_session.transaction() as session:
        datastore = session.scalars(sa.select(models.Datastore).where(
            models.Datastore.name == datastore_name)).first()
        if datastore is None:
            raise exception.DatastoreNotFound(datastore=datastore_name)
        found = session.scalars(sa.select(models.DatastoreVersion).where(
            models.DatastoreVersion.datastore_id == datastore.id,
            models.DatastoreVersion.name == name)).first()
        if found is None:
            found = models.DatastoreVersion(id=uuidutils.generate_uuid(),
                                            datastore_id=datastore.id,
                                            name=name)
            session.add(found)
        found.manager = manager
        if image_id is not KEEP:
            found.image_id = image_id
        if image_tags is not KEEP:
            found.image_tags = ','.join(image_tags) if image_tags else None
        found.packages = packages
        found.active = active
        found.version = version or name
        found.capabilities = capabilities
        return found


def image_tags(version):
    """The version's Glance image tags, as a list."""
    return [tag for tag in (version.image_tags or '').split(',') if tag]
