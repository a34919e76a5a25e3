"""/v1.0/{project_id}/mgmt/quotas/{tenant_id}: any project's quotas
(admins). GET shows limits and usage, PUT {"quotas": {resource: limit}}
changes limits (-1: unlimited)."""
from oslo_log import log as logging
import pecan

from trove.api.v1.controllers import base
from trove.api.v1 import schemas
from trove.api.v1.schemas import mgmt as schema
from trove.api.v1.views import quotas as views
from trove.db.api import quotas as quotas_db

LOG = logging.getLogger(__name__)


class QuotaController(object):

    def __init__(self, project_id, tenant_id):
        self.project_id = project_id
        self.tenant_id = tenant_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('mgmt:quota:show', self.project_id)
        return views.show(quotas_db.RESOURCES,
                          quotas_db.get_limits(self.tenant_id),
                          quotas_db.get_usages(self.tenant_id))

    @index.when(method='PUT', template='json')
    def update(self):
        base.authorize('mgmt:quota:update', self.project_id)
        body = base.json_body()
        schemas.validate(schema.quotas, body)
        LOG.info('Setting quotas %s of project %s', body['quotas'],
                 self.tenant_id)
        return views.updated(quotas_db.set_limits(self.tenant_id,
                                                  body['quotas']))


class QuotasController(object):

    def __init__(self, project_id):
        self.project_id = project_id

    @pecan.expose()
    def _lookup(self, tenant_id, *remainder):
        return QuotaController(self.project_id, tenant_id), remainder
