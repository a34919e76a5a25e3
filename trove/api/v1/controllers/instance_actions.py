"""POST /v1.0/{project_id}/instances/{id}/action: restart, resize,
reset_status (admin)."""
import pecan

from trove.api.v1.controllers import base
from trove.api.v1 import schemas
from trove.api.v1.schemas import instance_actions as schema
from trove.instance import actions


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
        schemas.validate(schema.action, body)
        name, args = next(iter(body.items()))
        if name == 'resize':
            name = ('resize_volume' if 'volume' in args
                    else 'resize_flavor')
        base.authorize('instance:action:%s' % name, self.project_id)
        context = base.context()
        if name == 'restart':
            actions.restart(context, self.project_id, self.instance_id)
        elif name == 'resize_flavor':
            actions.resize_flavor(context, self.project_id, self.instance_id,
                                  args['flavorRef'])
        elif name == 'resize_volume':
            actions.resize_volume(context, self.project_id, self.instance_id,
                                  args['volume']['size'])
        else:
            actions.reset_status(context, self.project_id, self.instance_id)
        return base.accepted()
