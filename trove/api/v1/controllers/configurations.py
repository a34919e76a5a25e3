"""/v1.0/{project_id}/configurations[/{id}[/instances]]: a project's
configuration groups. PUT replaces a group's values, PATCH merges into
them; either reaches every instance using the group."""
import pecan
import webob

from trove.api.v1.controllers import base
from trove.api.v1 import schemas
from trove.api.v1.schemas import configurations as schema
from trove.api.v1.views import configurations as views
from trove.configuration import groups
from trove.db.api import configurations as configurations_db


def _detail(project_id, configuration):
    return {'configuration': views.detail(
        base.view_context(project_id), configuration,
        configurations_db.values_of(configuration),
        configurations_db.count_instances(configuration.id))}


class ConfigurationInstancesController(object):

    def __init__(self, project_id, configuration_id):
        self.project_id = project_id
        self.configuration_id = configuration_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def list(self):
        base.authorize('configuration:instances', self.project_id)
        rows, next_links = base.db_page(
            lambda limit, marker: configurations_db.list_instances(
                self.project_id, self.configuration_id, limit=limit,
                marker=marker))
        return {'instances': [views.instance_ref(row) for row in rows],
                'links': next_links}


class ConfigurationController(object):

    def __init__(self, project_id, configuration_id):
        self.project_id = project_id
        self.configuration_id = configuration_id
        self.instances = ConfigurationInstancesController(project_id,
                                                          configuration_id)

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('configuration:show', self.project_id)
        return _detail(self.project_id, configurations_db.get(
            self.project_id, self.configuration_id))

    def _update(self, replace):
        body = base.json_body()
        schemas.validate(schema.update, body)
        groups.update(base.context(), self.project_id, self.configuration_id,
                      body['configuration'], replace=replace)

    @index.when(method='PUT', template='json')
    def update(self):
        base.authorize('configuration:update', self.project_id)
        self._update(replace=True)
        return base.accepted()

    @index.when(method='PATCH', template='json')
    def edit(self):
        base.authorize('configuration:edit', self.project_id)
        self._update(replace=False)
        # Done, nothing to say (Trove's 200 without a body, which pecan
        # would turn into this anyway).
        response = webob.Response(status=204)
        del response.content_type
        return response

    @index.when(method='DELETE', template='json')
    def delete(self):
        base.authorize('configuration:delete', self.project_id)
        groups.delete(base.context(), self.project_id, self.configuration_id)
        return base.accepted()


class ConfigurationsController(object):

    def __init__(self, project_id):
        self.project_id = project_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def list(self):
        base.authorize('configuration:index', self.project_id)
        rows, next_links = base.db_page(
            lambda limit, marker: configurations_db.list_configurations(
                self.project_id, limit=limit, marker=marker))
        view_context = base.view_context(self.project_id)
        return {'configurations': [views.summary(view_context, row)
                                   for row in rows],
                'links': next_links}

    @index.when(method='POST', template='json')
    def create(self):
        base.authorize('configuration:create', self.project_id)
        body = base.json_body()
        schemas.validate(schema.create, body)
        configuration = groups.create(base.context(), self.project_id,
                                      body['configuration'])
        return _detail(self.project_id, configuration)

    @pecan.expose()
    def _lookup(self, configuration_id, *remainder):
        project_id = base.project_of(
            self.project_id,
            lambda: configurations_db.project_of(configuration_id))
        return (ConfigurationController(project_id, configuration_id),
                remainder)
