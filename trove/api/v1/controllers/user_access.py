"""/v1.0/{project_id}/instances/{id}/users/{user}/databases[/{name}]: the
databases a user may access; grant (PUT) and revoke (DELETE)."""
from oslo_log import log as logging
import pecan

from trove.api.v1.controllers import base
from trove.api.v1 import schemas
from trove.api.v1.schemas import names
from trove.api.v1.schemas import users as schema
from trove.api.v1.views import databases as views
from trove.datastore import capabilities

LOG = logging.getLogger(__name__)


class UserDatabaseController(object):

    def __init__(self, project_id, instance_id, user_id, database):
        self.project_id = project_id
        self.instance_id = instance_id
        self.user_id = user_id
        self.database = database

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='DELETE', template='json')
    def revoke(self):
        base.authorize('instance:extension:user_access:delete',
                       self.project_id)
        reserved = capabilities.of_instance(self.project_id,
                                            self.instance_id)
        name, host = names.parse_user(self.user_id, reserved)
        names.check_database(self.database, reserved)
        guest = base.active_guest(self.project_id, self.instance_id)
        LOG.info('Revoking access of user %s@%s to database %s on instance '
                 '%s', name, host, self.database, self.instance_id)
        guest.revoke_access(name, host, self.database)
        return base.accepted()


class UserAccessController(object):

    def __init__(self, project_id, instance_id, user_id):
        self.project_id = project_id
        self.instance_id = instance_id
        self.user_id = user_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def list(self):
        base.authorize('instance:extension:user_access:index',
                       self.project_id)
        reserved = capabilities.of_instance(self.project_id,
                                            self.instance_id)
        name, host = names.parse_user(self.user_id, reserved)
        guest = base.active_guest(self.project_id, self.instance_id)
        return {'databases': views.refs(guest.list_access(name, host))}

    @index.when(method='PUT', template='json')
    def grant(self):
        base.authorize('instance:extension:user_access:update',
                       self.project_id)
        reserved = capabilities.of_instance(self.project_id,
                                            self.instance_id)
        name, host = names.parse_user(self.user_id, reserved)
        body = base.json_body()
        schemas.validate(schema.grant, body)
        databases = [item['name'] for item in body['databases']]
        names.refuse_reserved(reserved, databases=databases)
        guest = base.active_guest(self.project_id, self.instance_id)
        LOG.info('Granting user %s@%s access to databases %s on instance %s',
                 name, host, ', '.join(databases), self.instance_id)
        guest.grant_access(name, host, databases)
        return base.accepted()

    @pecan.expose()
    def _lookup(self, database, *remainder):
        return (UserDatabaseController(self.project_id, self.instance_id,
                                       self.user_id, database), remainder)
