"""/v1.0/{project_id}/limits: the project's quotas (its own limits or
the defaults) and usage, and the advertised rate limits."""
import pecan

from trove.api.v1.controllers import base
from trove.api.v1.views import limits as views
from trove.conf import CONF
from trove.db.api import quotas as quotas_db


class LimitsController(object):

    def __init__(self, project_id):
        self.project_id = project_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('limits:index', self.project_id)
        limits = quotas_db.get_limits(self.project_id)
        usages = quotas_db.get_usages(self.project_id)
        absolute = {}
        for resource in quotas_db.RESOURCES:
            absolute['max_%s' % resource] = limits[resource]
            absolute[resource] = usages[resource][0]
        rates = {'POST': CONF.http_post_rate, 'PUT': CONF.http_put_rate,
                 'DELETE': CONF.http_delete_rate, 'GET': CONF.http_get_rate}
        return views.limits(absolute, rates,
                            base.view_context(self.project_id).now)
