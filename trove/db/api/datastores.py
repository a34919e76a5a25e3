"""Datastores and their versions (not project-scoped: offered to all)."""
from oslo_utils import uuidutils
import sqlalchemy as sa

from trove.common import exception
from trove.db import backup_models
from trove.db import configuration_models
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


def _references(session, version_id):
    """What still names the version: {what: count}, counted so that the
    refusal can say which records keep it."""
    found = {}
    for what, model in (('instances', models.Instance),
                        ('backups', backup_models.Backup),
                        ('configuration groups',
                         configuration_models.Configuration)):
        count = session.scalar(sa.select(sa.func.count()).select_from(
            model).where(model.datastore_version_id == version_id))
        if count:
            found[what] = count
    return found


def create_version(datastore_name, name, manager, image_id=None,
                   image_tags=None, packages=None, active=True, default=False,
                   version=None, capabilities=None):
    """A new version (409 if the datastore has one of that name); the
    datastore is created when missing, as Trove's API does."""
    datastore = upsert_datastore(datastore_name)
    with db_session.transaction() as session:
        if session.scalars(sa.select(models.DatastoreVersion).where(
                models.DatastoreVersion.datastore_id == datastore.id,
                models.DatastoreVersion.name == name)).first() is not None:
            raise exception.Conflict(
                reason='datastore %s already has a version %s'
                % (datastore_name, name))
        record = models.DatastoreVersion(
            id=uuidutils.generate_uuid(), datastore_id=datastore.id,
            name=name, manager=manager, image_id=image_id or None,
            image_tags=','.join(image_tags) if image_tags else None,
            packages=','.join(packages) if packages else None,
            active=active, version=version or name,
            capabilities=capabilities)
        session.add(record)
        session.flush()
        if default:
            session.get(models.Datastore, datastore.id).default_version_id = \
                record.id
        return record


# The columns PATCH /mgmt/datastore-versions/{id} may change.
UPDATABLE = ('name', 'manager', 'image_id', 'image_tags', 'packages',
             'active', 'capabilities')


def update_version(version_id, default=None, **changes):
    """Change the version's columns in ``changes`` (UPDATABLE) and, with
    ``default`` True or False, whether it is its datastore's default."""
    with db_session.transaction() as session:
        record = session.get(models.DatastoreVersion, version_id)
        if record is None:
            raise exception.DatastoreVersionNotFound(version=version_id)
        new_name = changes.get('name')
        if new_name and new_name != record.name and session.scalars(
                sa.select(models.DatastoreVersion).where(
                    models.DatastoreVersion.datastore_id ==
                    record.datastore_id,
                    models.DatastoreVersion.name == new_name)).first():
            raise exception.Conflict(
                reason='the datastore already has a version %s' % new_name)
        for column, value in changes.items():
            if column not in UPDATABLE:
                raise ValueError(column)
            if column in ('image_tags', 'packages'):
                value = ','.join(value) if value else None
            setattr(record, column, value)
        datastore = session.get(models.Datastore, record.datastore_id)
        if default is True:
            datastore.default_version_id = record.id
        elif default is False and datastore.default_version_id == record.id:
            datastore.default_version_id = None
        session.flush()
        return record


def delete_version(version_id):
    """Remove a version nothing refers to (409 otherwise: an inactive
    version, `--disable`, is what retires one that was used)."""
    with db_session.transaction() as session:
        record = session.get(models.DatastoreVersion, version_id)
        if record is None:
            raise exception.DatastoreVersionNotFound(version=version_id)
        references = _references(session, version_id)
        if references:
            raise exception.Conflict(
                reason='datastore version %s is used by %s (deleted ones '
                       'included, which keep their history): disable it '
                       'instead' % (version_id, ', '.join(
                           '%d %s' % (count, what)
                           for what, count in sorted(references.items()))))
        parameters = configuration_models.ConfigurationParameter
        session.execute(sa.delete(parameters).where(
            parameters.datastore_version_id == version_id))
        datastore = session.get(models.Datastore, record.datastore_id)
        if datastore.default_version_id == version_id:
            datastore.default_version_id = None
        session.delete(record)


def delete_datastore(id_or_name):
    """Remove a datastore that has no version left (409 otherwise)."""
    datastore = get_datastore(id_or_name)
    with db_session.transaction() as session:
        versions = session.scalar(sa.select(sa.func.count()).select_from(
            models.DatastoreVersion).where(
                models.DatastoreVersion.datastore_id == datastore.id))
        if versions:
            raise exception.Conflict(
                reason='datastore %s still has %d version(s): delete them '
                       'first' % (datastore.name, versions))
        session.execute(sa.delete(models.Datastore).where(
            models.Datastore.id == datastore.id))
