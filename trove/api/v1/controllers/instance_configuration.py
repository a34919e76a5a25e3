"""GET /v1.0/{project_id}/instances/{id}/configuration: the values the
instance's engine runs with when no group overrides them (its config
template rendered for its flavor), as its guest renders them."""
import pecan

from trove.api.v1.controllers import base


class InstanceConfigurationController(object):

    def __init__(self, project_id, instance_id):
        self.project_id = project_id
        self.instance_id = instance_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('instance:configuration', self.project_id)
        guest = base.active_guest(self.project_id, self.instance_id)
        return {'instance': {
            'configuration': guest.get_default_configuration()}}
