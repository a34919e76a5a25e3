"""/v1.0/{project_id}/instances/{id}/databases[/{name}]: the databases on
an instance, as its guest reports and changes them."""
from oslo_log import log as logging
import pecan

from trove.api.v1.controllers import base
from trove.api.v1 import schemas
from trove.api.v1.schemas import databases as schema
from trove.api.v1.schemas import names
from trove.api.v1.views import databases as views
from trove.datastore import capabilities

LOG = logging.getLogger(__name__)


class DatabaseController(object):

    def __init__(self, project_id, instance_id, name):
        self.project_id = project_id
        self.instance_id = instance_id
        self.name = name

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='DELETE', template='json')
    def delete(self):
        base.authorize('instance:extension:database:delete', self.project_id)
        names.check_database(self.name, capabilities.of_instance(
            self.project_id, self.instance_id))
        guest = base.active_guest(self.project_id, self.instance_id)
        LOG.info('Deleting database %s on instance %s', self.name,
                 self.instance_id)
        guest.delete_database(self.name)
        return base.accepted()


class DatabasesController(object):

    def __init__(self, project_id, instance_id):
        self.project_id = project_id
        self.instance_id = instance_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def list(self):
        base.authorize('instance:extension:database:index', self.project_id)
        guest = base.active_guest(self.project_id, self.instance_id)
        page, next_links = base.page_of(guest.list_databases(),
                                        key=lambda record: record['name'])
        return {'databases': [views.database(record) for record in page],
                'links': next_links}

    @index.when(method='POST', template='json')
    def create(self):
        base.authorize('instance:extension:database:create',
                       self.project_id)
        body = base.json_body()
        schemas.validate(schema.create, body)
        databases = [{'name': item['name'],
                      'character_set': item.get('character_set'),
                      'collate': item.get('collate')}
                     for item in body['databases']]
        names.refuse_reserved(
            capabilities.of_instance(self.project_id, self.instance_id),
            databases=[item['name'] for item in databases])
        guest = base.active_guest(self.project_id, self.instance_id)
        LOG.info('Creating databases %s on instance %s',
                 ', '.join(item['name'] for item in databases),
                 self.instance_id)
        guest.create_databases(databases)
        return base.accepted()

    @pecan.expose()
    def _lookup(self, name, *remainder):
        return (DatabaseController(self.project_id, self.instance_id, name),
                remainder)
