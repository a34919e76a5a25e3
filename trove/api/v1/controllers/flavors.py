"""/v1.0/{project_id}/flavors[/{id}]."""
import pecan

from trove.api.v1.controllers import base
from trove.api.v1.views import flavors as views
from trove.db.api import flavors as flavors_db


class FlavorController(object):

    def __init__(self, project_id, flavor_id):
        self.project_id = project_id
        self.flavor_id = flavor_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('flavor:show', self.project_id)
        flavor = flavors_db.get_flavor(self.flavor_id)
        return {'flavor': views.flavor(base.view_context(self.project_id),
                                       flavor)}


class FlavorsController(object):

    def __init__(self, project_id):
        self.project_id = project_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def list(self):
        base.authorize('flavor:index', self.project_id)
        return views.flavors(base.view_context(self.project_id),
                             flavors_db.list_flavors())

    @pecan.expose()
    def _lookup(self, flavor_id, *remainder):
        return FlavorController(self.project_id, flavor_id), remainder
