"""/v1.0/{project_id}/mgmt/datastore-versions[/{id}]: operators register,
change and remove datastore versions (`openstack datastore version
create/set/delete`), as trove-manage does from the host."""
from oslo_log import log as logging
import pecan

from trove.api.v1.controllers import base
from trove.api.v1 import schemas
from trove.api.v1.schemas import datastore_versions as schema
from trove.api.v1.views import datastores as views
from trove.common import exception
from trove.configuration import parameters
from trove.datastore import capabilities
from trove.db.api import datastores as datastores_db

LOG = logging.getLogger(__name__)


def _capabilities_of(manager):
    """The manifest's capabilities of a manager the guest agent knows
    (400 for any other: no guest could run the version)."""
    found = capabilities.load_manifest(manager)
    if found is None:
        raise exception.BadRequest(
            'Unknown datastore manager %s: it must be one that a manifest '
            'under etc/trove/datastores names (the guest agent\'s '
            'engines).' % manager)
    return capabilities.to_column(found)


class VersionController(object):

    def __init__(self, project_id, version_id):
        self.project_id = project_id
        self.version_id = version_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('mgmt:datastore_version:show', self.project_id)
        return {'version': views.mgmt_version(
            base.view_context(self.project_id),
            datastores_db.get_version_by_id(self.version_id))}

    @index.when(method='PATCH', template='json')
    def patch(self):
        base.authorize('mgmt:datastore_version:update', self.project_id)
        body = base.json_body()
        schemas.validate(schema.update, body)
        changes = {}
        if 'datastore_manager' in body:
            changes['manager'] = body['datastore_manager']
            changes['capabilities'] = _capabilities_of(
                body['datastore_manager'])
        if 'image' in body:
            changes['image_id'] = body['image'] or None
        for field in ('name', 'image_tags', 'packages', 'active'):
            if field in body:
                changes[field] = body[field]
        datastores_db.update_version(self.version_id,
                                     default=body.get('default'), **changes)
        LOG.info('Datastore version %s changed: %s', self.version_id,
                 sorted(changes))
        return base.accepted()

    @index.when(method='DELETE', template='json')
    def delete(self):
        base.authorize('mgmt:datastore_version:delete', self.project_id)
        datastores_db.delete_version(self.version_id)
        LOG.info('Datastore version %s deleted', self.version_id)
        return base.accepted()


class VersionsController(object):

    def __init__(self, project_id):
        self.project_id = project_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def list(self):
        base.authorize('mgmt:datastore_version:index', self.project_id)
        view_context = base.view_context(self.project_id)
        versions = [
            version for datastore in datastores_db.list_datastores()
            for version in datastores_db.list_versions(datastore.id,
                                                       only_active=False)]
        return {'versions': [views.mgmt_version(view_context, version)
                             for version in versions], 'links': []}

    @index.when(method='POST', template='json')
    def create(self):
        base.authorize('mgmt:datastore_version:create', self.project_id)
        body = base.json_body()
        schemas.validate(schema.create, body)
        request = body['version']
        manager = request['datastore_manager']
        found = _capabilities_of(manager)
        image, tags = request.get('image') or None, request.get('image_tags')
        record = datastores_db.create_version(
            request['datastore_name'], request['name'], manager,
            image_id=image, image_tags=tags,
            packages=request.get('packages'),
            active=request.get('active', True),
            default=request.get('default', False),
            version=request.get('version'), capabilities=found)
        loaded = parameters.load_shipped(request['datastore_name'],
                                         request['name'], manager=manager)
        LOG.info('Datastore version %s (%s) of %s created by the API%s',
                 record.name, record.id, request['datastore_name'],
                 '; parameters from %s' % loaded if loaded else '')
        # Trove answers 202 with no body (troveclient expects none).
        return base.accepted()

    @pecan.expose()
    def _lookup(self, version_id, *remainder):
        return VersionController(self.project_id, version_id), remainder
