"""/v1.0/{project_id}/mgmt/instances[/{id}[/action]]: every project's
instances, for admins (`openstack database instance list --all-projects`,
`openstack database instance reboot`)."""
from oslo_log import log as logging
import pecan

from trove.api.v1.controllers import base
from trove.api.v1 import schemas
from trove.api.v1.schemas import mgmt as schema
from trove.api.v1.views import mgmt_instances as views
from trove.common import exception
from trove.db.api import instances as instances_db
from trove.db.api import mgmt_instances as mgmt_db
from trove.instance import mgmt

LOG = logging.getLogger(__name__)

ACTIONS = {
    'stop': mgmt.stop,
    'reboot': mgmt.reboot,
    'reset-task-status': mgmt.reset_task_status,
}


def _deleted_filter():
    """Trove's ?deleted: true for the deleted only, false for the live
    only, absent for all."""
    value = (pecan.request.GET.get('deleted') or '').lower()
    return {'true': True, 'false': False}.get(value)


class ActionController(object):

    def __init__(self, project_id, instance_id):
        self.project_id = project_id
        self.instance_id = instance_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='POST', template='json')
    def post(self):
        body = base.json_body()
        schemas.validate(schema.instance_action, body)
        name = next(iter(body))
        if name not in ACTIONS:
            raise exception.BadRequest('Invalid instance action: %s' % name)
        base.authorize('mgmt:instance:action:%s' % name.replace('-', '_'),
                       self.project_id)
        LOG.info('Admin action %s on instance %s', name, self.instance_id)
        ACTIONS[name](base.context(), self.instance_id)
        return base.accepted()


class InstanceController(object):

    def __init__(self, project_id, instance_id):
        self.project_id = project_id
        self.instance_id = instance_id
        self.action = ActionController(project_id, instance_id)

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('mgmt:instance:show', self.project_id)
        record = instances_db.get_instance(None, self.instance_id,
                                           include_deleted=True)
        fault = record.faults[0] if record.faults else None
        # From the DB alone: the API process loads no compute driver.
        return {'instance': views.instance(
            base.view_context(self.project_id), record,
            details=True, fault=fault)}


class InstancesController(object):

    def __init__(self, project_id):
        self.project_id = project_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def list(self):
        base.authorize('mgmt:instance:index', self.project_id)
        rows, next_links = base.db_page(
            lambda limit, marker: mgmt_db.list_instances(
                project_id=pecan.request.GET.get('project_id') or None,
                deleted=_deleted_filter(), limit=limit, marker=marker))
        view_context = base.view_context(self.project_id)
        return {'instances': [views.instance(view_context, row)
                              for row in rows],
                'links': next_links}

    @pecan.expose()
    def _lookup(self, instance_id, *remainder):
        return InstanceController(self.project_id, instance_id), remainder
