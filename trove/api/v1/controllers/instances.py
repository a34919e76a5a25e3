"""/v1.0/{project_id}/instances[/detail | /{id}]."""
import pecan
import sqlalchemy as sa

from trove.api.v1.controllers import backups
from trove.api.v1.controllers import base
from trove.api.v1.controllers import databases
from trove.api.v1.controllers import instance_actions
from trove.api.v1.controllers import instance_configuration
from trove.api.v1.controllers import instance_root
from trove.api.v1.controllers import users
from trove.api.v1 import schemas
from trove.api.v1.schemas import instance_actions as action_schema
from trove.api.v1.schemas import instances as schema
from trove.api.v1.views import instances as views
from trove.common import exception
from trove.configuration import attachments
from trove.db.api import instances as instances_db
from trove.instance import actions
from trove.instance import operations


def _check_initial_databases_and_users(project_id, request):
    """Databases and users created with the instance: allowed as if
    created on their own (Trove checks the same rules). Reserved names are
    refused once the version is known (operations.create_instance)."""
    users = request.get('users') or []
    databases = [db['name'] for db in request.get('databases') or []]
    if databases:
        base.authorize('instance:extension:database:create', project_id)
    if users:
        base.authorize('instance:extension:user:create', project_id)


def _latest_fault(project_id, instance):
    # Listed rows come without their faults (loaded lazily, and the session
    # is closed): fetch them only for the instances that show one.
    if 'faults' in sa.inspect(instance).unloaded:
        instance = instances_db.get_instance(project_id, instance.id)
    return instance.faults[0] if instance.faults else None


class InstanceController(object):

    def __init__(self, project_id, instance_id):
        self.project_id = project_id
        self.instance_id = instance_id
        self.databases = databases.DatabasesController(project_id,
                                                       instance_id)
        self.users = users.UsersController(project_id, instance_id)
        self.root = instance_root.RootController(project_id, instance_id)
        self.action = instance_actions.ActionController(project_id,
                                                        instance_id)
        self.configuration = (
            instance_configuration.InstanceConfigurationController(
                project_id, instance_id))
        self.backups = backups.InstanceBackupsController(project_id,
                                                         instance_id)

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('instance:show', self.project_id)
        instance = instances_db.get_instance(self.project_id,
                                             self.instance_id)
        fault = instance.faults[0] if instance.faults else None
        return {'instance': views.detail(base.view_context(self.project_id),
                                         instance, fault)}

    @index.when(method='PUT', template='json')
    def update(self):
        base.authorize('instance:update', self.project_id)
        body = base.json_body()
        schemas.validate(action_schema.update, body)
        request = body['instance']
        unsupported = sorted(set(request) - {'name', 'configuration'})
        if unsupported:
            raise exception.BadRequest(
                'Changing %s of an instance is not supported.'
                % ', '.join(unsupported))
        context = base.context()
        # The configuration first: it is what may be refused.
        if 'configuration' in request:
            if request['configuration'] is None:
                attachments.detach(context, self.project_id,
                                   self.instance_id)
            else:
                attachments.attach(context, self.project_id,
                                   self.instance_id,
                                   request['configuration'])
        if 'name' in request:
            actions.rename(context, self.project_id, self.instance_id,
                           request['name'])
        return base.accepted()

    @index.when(method='PATCH', template='json')
    def patch(self):
        return self.update()

    @index.when(method='DELETE', template='json')
    def delete(self):
        base.authorize('instance:delete', self.project_id)
        operations.delete_instance(base.context(), self.project_id,
                                   self.instance_id)
        return base.accepted()


class InstancesController(object):

    def __init__(self, project_id):
        self.project_id = project_id

    def _page(self):
        """One page of instances and the links to the next."""
        return base.db_page(lambda limit, marker: instances_db.list_instances(
            self.project_id, limit=limit, marker=marker))

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def list(self):
        base.authorize('instance:index', self.project_id)
        rows, next_links = self._page()
        view_context = base.view_context(self.project_id)
        return {'instances': [views.summary(view_context, row)
                              for row in rows],
                'links': next_links}

    @pecan.expose(generic=True, template='json')
    def detail(self, *_args, **_kwargs):
        base.method_not_allowed()

    @detail.when(method='GET', template='json')
    def detail_list(self):
        base.authorize('instance:detail', self.project_id)
        rows, next_links = self._page()
        view_context = base.view_context(self.project_id)
        bodies = []
        for row in rows:
            status, _ = operations.current_status(row, view_context.now)
            fault = (_latest_fault(self.project_id, row)
                     if status == 'ERROR' else None)
            bodies.append(views.detail(view_context, row, fault))
        return {'instances': bodies, 'links': next_links}

    @index.when(method='POST', template='json')
    def create(self):
        base.authorize('instance:create', self.project_id)
        body = base.json_body()
        schemas.validate(schema.create, body)
        _check_initial_databases_and_users(self.project_id, body['instance'])
        instance = operations.create_instance(base.context(), self.project_id,
                                              body['instance'])
        return {'instance': views.detail(base.view_context(self.project_id),
                                         instance)}

    @pecan.expose()
    def _lookup(self, instance_id, *remainder):
        project_id = base.project_of(
            self.project_id,
            lambda: instances_db.get_instance(None, instance_id).project_id)
        return InstanceController(project_id, instance_id), remainder
