"""/ (versions), /v1.0 (this version) and /v1.0/{project_id}/... ."""
import pecan

from trove.api.v1.controllers import backup_schedules
from trove.api.v1.controllers import backup_strategies
from trove.api.v1.controllers import backups
from trove.api.v1.controllers import base
from trove.api.v1.controllers import configurations
from trove.api.v1.controllers import datastores
from trove.api.v1.controllers import flavors
from trove.api.v1.controllers import instances
from trove.api.v1.controllers import limits
from trove.api.v1.controllers import mgmt
from trove.api.v1.controllers import openapi
from trove.api.v1.views import links
from trove.api.v1.views import versions as versions_view


class ProjectController(object):
    """Everything under /v1.0/{project_id}."""

    def __init__(self, project_id):
        self.instances = instances.InstancesController(project_id)
        self.datastores = datastores.DatastoresController(project_id)
        self.flavors = flavors.FlavorsController(project_id)
        self.limits = limits.LimitsController(project_id)
        self.configurations = configurations.ConfigurationsController(
            project_id)
        self.backups = backups.BackupsController(project_id)
        self.backup_strategies = (
            backup_strategies.BackupStrategiesController(project_id))
        self.backup_schedules = (
            backup_schedules.BackupSchedulesController(project_id))
        self.mgmt = mgmt.MgmtController(project_id)


class V1Controller(object):

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        return {'version': versions_view.version(
            links.public_base_url())}

    @pecan.expose()
    def _lookup(self, project_id, *remainder):
        return ProjectController(project_id), remainder


class RootController(object):

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        return versions_view.versions(links.public_base_url())


pecan.route(RootController, 'v1.0', V1Controller())
pecan.route(RootController, 'openapi.json', openapi.OpenAPIController())
