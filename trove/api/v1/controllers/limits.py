"""/v1.0/{project_id}/limits: quotas, usage and advertised rate limits."""
import pecan

from trove.api.v1.controllers import base
from trove.api.v1.views import limits as views
from trove.conf import CONF
from trove.db.api import instances as instances_db


class LimitsController(object):

    def __init__(self, project_id):
        self.project_id = project_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('limits:index', self.project_id)
        instances, volume_gb = instances_db.count_usage(self.project_id)
        absolute = {
            'max_instances': CONF.max_instances_per_tenant,
            'max_volumes': CONF.max_volumes_per_tenant,
            'max_backups': CONF.max_backups_per_tenant,
            'instances': instances,
            'volumes': volume_gb,
        }
        rates = {'POST': CONF.http_post_rate, 'PUT': CONF.http_put_rate,
                 'DELETE': CONF.http_delete_rate, 'GET': CONF.http_get_rate}
        return views.limits(absolute, rates,
                            base.view_context(self.project_id).now)
