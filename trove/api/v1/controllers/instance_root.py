"""/v1.0/{project_id}/instances/{id}/root: the engine's superuser.

GET reports whether root was ever enabled (Trove's root history), so a
user can tell that someone may have changed the instance outside the API.
"""
import secrets

from oslo_log import log as logging
import pecan
import webob

from trove.api.v1.controllers import base
from trove.api.v1 import schemas
from trove.api.v1.schemas import root as schema
from trove.api.v1.views import root as views
from trove.common import exception
from trove.db.api import instances as instances_db
from trove.db.api import root_history

LOG = logging.getLogger(__name__)

# Bytes of randomness of a generated password (32 URL-safe characters).
PASSWORD_BYTES = 24


def _requested_password(body):
    schemas.validate(schema.enable, body)
    password = body.get('password')
    if password is None:
        password = (body.get('root') or {}).get('password')
    return password


class RootController(object):

    def __init__(self, project_id, instance_id):
        self.project_id = project_id
        self.instance_id = instance_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('instance:extension:root:index', self.project_id)
        # From the DB alone: the instance need not be ACTIVE.
        instance = instances_db.get_instance(self.project_id,
                                             self.instance_id)
        return views.history(root_history.was_enabled(instance.id))

    @index.when(method='POST', template='json')
    def enable(self):
        base.authorize('instance:extension:root:create', self.project_id)
        password = (_requested_password(base.optional_json_body())
                    or secrets.token_urlsafe(PASSWORD_BYTES))
        guest = base.active_guest(self.project_id, self.instance_id)
        LOG.info('Enabling root on instance %s', self.instance_id)
        enabled = guest.enable_root(password) or {}
        root_history.record(self.instance_id, base.context().user_id)
        # The engine's superuser: root, postgres, or Redis's default user.
        return views.enabled(password, enabled.get('name'))

    @index.when(method='DELETE', template='json')
    def disable(self):
        base.authorize('instance:extension:root:delete', self.project_id)
        guest = base.active_guest(self.project_id, self.instance_id)
        if not root_history.was_enabled(self.instance_id):
            raise exception.NotFound(
                'Root was never enabled on instance %s.' % self.instance_id)
        LOG.info('Disabling root on instance %s', self.instance_id)
        guest.disable_root()
        # Done, nothing to say (Trove's 200 without a body, which pecan
        # would turn into this anyway).
        response = webob.Response(status=204)
        del response.content_type
        return response
