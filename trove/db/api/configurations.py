"""Configuration groups and their values. Every query takes the project
id; a change of a group's values marks each instance using it as due for
the new values, in the same transaction."""
import json

from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa

from trove.common import exception
from trove.db import configuration_models as cm
from trove.db import models
from trove.db import session as db_session


def values_of(configuration):
    """{name: value} of a loaded group."""
    return {entry.name: json.loads(entry.value)
            for entry in configuration.entries}


def _query(project_id):
    return sa.select(cm.Configuration).where(
        cm.Configuration.project_id == project_id,
        cm.Configuration.deleted.is_(False))


def _load(session, project_id, configuration_id):
    found = session.scalars(_query(project_id).where(
        cm.Configuration.id == configuration_id)).unique().first()
    if found is None:
        raise exception.ConfigurationNotFound(uuid=configuration_id)
    return found


def project_of(configuration_id):
    """The project that owns a live configuration group (admins' requests
    reach any project's group by id)."""
    with db_session.reader() as session:
        project_id = session.scalars(sa.select(
            cm.Configuration.project_id).where(
            cm.Configuration.id == configuration_id,
            cm.Configuration.deleted.is_(False))).first()
    if project_id is None:
        raise exception.ConfigurationNotFound(uuid=configuration_id)
    return project_id


def _write_values(session, configuration_id, values, replace):
    value = cm.ConfigurationValue
    mine = value.configuration_id == configuration_id
    if replace:
        session.execute(sa.delete(value).where(mine),
                        execution_options={'synchronize_session': False})
    for name in sorted(values):
        text = json.dumps(values[name])
        if replace or not session.execute(
                sa.update(value).where(mine, value.name == name)
                .values(value=text),
                execution_options={'synchronize_session': False}).rowcount:
            session.execute(sa.insert(value).values(
                configuration_id=configuration_id, name=name, value=text))


def create(project_id, name, description, datastore_version_id, values):
    with db_session.transaction() as session:
        configuration = cm.Configuration(
            id=uuidutils.generate_uuid(), name=name, description=description,
            project_id=project_id, datastore_version_id=datastore_version_id)
        session.add(configuration)
        session.flush()
        _write_values(session, configuration.id, values, replace=False)
        session.flush()
        session.expire(configuration)
        return _load(session, project_id, configuration.id)


def get(project_id, configuration_id):
    with db_session.reader() as session:
        return _load(session, project_id, configuration_id)


def list_configurations(project_id, limit=None, marker=None):
    """Oldest first; ``marker`` is the id of the previous page's last."""
    query = _query(project_id).order_by(cm.Configuration.created,
                                        cm.Configuration.id)
    with db_session.reader() as session:
        if marker:
            last = session.get(cm.Configuration, marker)
            if last is None or last.project_id != project_id:
                raise exception.BadRequest(reason='invalid marker %s'
                                           % marker)
            query = query.where(sa.or_(
                cm.Configuration.created > last.created,
                sa.and_(cm.Configuration.created == last.created,
                        cm.Configuration.id > last.id)))
        if limit:
            query = query.limit(limit)
        return session.scalars(query).unique().all()


def update(project_id, configuration_id, values, replace, name=None,
           description=None):
    """Store new ``values`` (replacing all, or merged into the old ones)
    and a new name or description; returns the ids of the instances that
    now need the new values."""
    with db_session.transaction() as session:
        configuration = _load(session, project_id, configuration_id)
        _write_values(session, configuration.id, values, replace)
        changes = {'updated': timeutils.utcnow()}
        if name is not None:
            changes['name'] = name
        if description is not None:
            changes['description'] = description
        session.execute(sa.update(cm.Configuration).where(
            cm.Configuration.id == configuration.id).values(**changes))
        session.execute(
            sa.update(cm.InstanceConfiguration)
            .where(cm.InstanceConfiguration.configuration_id ==
                   configuration.id)
            .values(serial=cm.InstanceConfiguration.serial + 1,
                    updated=timeutils.utcnow()))
        return [row.id for row in _instances(session, configuration.id)]


def delete(project_id, configuration_id):
    """Delete a group no live instance uses (400 naming them otherwise)."""
    with db_session.transaction() as session:
        configuration = _load(session, project_id, configuration_id)
        users = _instances(session, configuration.id)
        if users:
            raise exception.BadRequest(
                'Configuration group %s is attached to instances %s: detach '
                'it from every instance before deleting it.'
                % (configuration.id, ', '.join(row.id for row in users)))
        session.execute(sa.update(cm.Configuration).where(
            cm.Configuration.id == configuration.id).values(
                deleted=True, deleted_at=timeutils.utcnow()))


def _instances(session, configuration_id, limit=None, marker=None):
    query = (sa.select(models.Instance)
             .join(cm.InstanceConfiguration,
                   cm.InstanceConfiguration.instance_id == models.Instance.id)
             .where(cm.InstanceConfiguration.configuration_id ==
                    configuration_id,
                    models.Instance.deleted.is_(False))
             .order_by(models.Instance.id))
    if marker:
        query = query.where(models.Instance.id > marker)
    if limit:
        query = query.limit(limit)
    return session.scalars(query).unique().all()


def list_instances(project_id, configuration_id, limit=None, marker=None):
    """The live instances using a group, by id."""
    with db_session.reader() as session:
        configuration = _load(session, project_id, configuration_id)
        return _instances(session, configuration.id, limit, marker)


def count_instances(configuration_id):
    with db_session.reader() as session:
        return session.scalar(
            sa.select(sa.func.count())
            .select_from(cm.InstanceConfiguration)
            .join(models.Instance,
                  cm.InstanceConfiguration.instance_id == models.Instance.id)
            .where(cm.InstanceConfiguration.configuration_id ==
                   configuration_id,
                   models.Instance.deleted.is_(False)))
