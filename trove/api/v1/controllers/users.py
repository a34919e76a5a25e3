"""/v1.0/{project_id}/instances/{id}/users[/{user}]: the database users on
an instance. {user} is "name" or "name@host" (URL-quoted; host '%' when
missing). Passwords go to the guest only, encrypted, and are never logged
or echoed."""
from oslo_log import log as logging
import pecan

from trove.api.v1.controllers import base
from trove.api.v1.controllers import user_access
from trove.api.v1 import schemas
from trove.api.v1.schemas import names
from trove.api.v1.schemas import users as schema
from trove.api.v1.views import users as views
from trove.common import exception
from trove.datastore import capabilities

LOG = logging.getLogger(__name__)

UPDATABLE = ('name', 'host', 'password')


def _refuse_duplicates(users):
    seen = set()
    for user in users:
        key = views.marker(user)
        if key in seen:
            raise exception.BadRequest(
                "User '%s' appears more than once in the request." % key)
        seen.add(key)


def _users_for_guest(items, with_databases, reserved):
    users = []
    for item in items:
        user = {'name': item['name'],
                'host': item.get('host') or names.DEFAULT_HOST,
                'password': item['password']}
        if with_databases:
            user['databases'] = [{'name': db['name']}
                                 for db in item.get('databases') or []]
        users.append(user)
    names.refuse_reserved(
        reserved,
        users=[user['name'] for user in users],
        databases=[db['name'] for user in users
                   for db in user.get('databases', [])])
    _refuse_duplicates(users)
    return users


class UserController(object):

    def __init__(self, project_id, instance_id, user_id):
        self.project_id = project_id
        self.instance_id = instance_id
        self.user_id = user_id
        self.databases = user_access.UserAccessController(
            project_id, instance_id, user_id)

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('instance:extension:user:show', self.project_id)
        reserved = capabilities.of_instance(self.project_id,
                                            self.instance_id)
        name, host = names.parse_user(self.user_id, reserved)
        user = base.active_guest(self.project_id,
                                 self.instance_id).get_user(name, host)
        if not user:
            raise exception.NotFound('User %s@%s cannot be found.'
                                     % (name, host))
        return {'user': views.user(user)}

    @index.when(method='PUT', template='json')
    def update(self):
        base.authorize('instance:extension:user:update', self.project_id)
        reserved = capabilities.of_instance(self.project_id,
                                            self.instance_id)
        name, host = names.parse_user(self.user_id, reserved)
        body = base.json_body()
        schemas.validate(schema.update, body)
        changes = {key: body['user'][key] for key in UPDATABLE
                   if body['user'].get(key) is not None}
        if not changes:
            raise exception.BadRequest(
                "Nothing to change: give a new 'name', 'host' or "
                "'password'.")
        if 'name' in changes:
            names.refuse_reserved(reserved, users=[changes['name']])
        guest = base.active_guest(self.project_id, self.instance_id)
        LOG.info('Changing the %s of user %s@%s on instance %s',
                 ', '.join(sorted(changes)), name, host, self.instance_id)
        guest.update_user(name, host, new_name=changes.get('name'),
                          new_password=changes.get('password'),
                          new_host=changes.get('host'))
        return base.accepted()

    @index.when(method='DELETE', template='json')
    def delete(self):
        base.authorize('instance:extension:user:delete', self.project_id)
        reserved = capabilities.of_instance(self.project_id,
                                            self.instance_id)
        name, host = names.parse_user(self.user_id, reserved)
        guest = base.active_guest(self.project_id, self.instance_id)
        LOG.info('Deleting user %s@%s on instance %s', name, host,
                 self.instance_id)
        guest.delete_user(name, host)
        return base.accepted()


class UsersController(object):

    def __init__(self, project_id, instance_id):
        self.project_id = project_id
        self.instance_id = instance_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def list(self):
        base.authorize('instance:extension:user:index', self.project_id)
        guest = base.active_guest(self.project_id, self.instance_id)
        page, next_links = base.page_of(guest.list_users(), key=views.marker)
        return {'users': [views.user(record) for record in page],
                'links': next_links}

    @index.when(method='POST', template='json')
    def create(self):
        base.authorize('instance:extension:user:create', self.project_id)
        body = base.json_body()
        schemas.validate(schema.create, body)
        users = _users_for_guest(
            body['users'], with_databases=True,
            reserved=capabilities.of_instance(self.project_id,
                                              self.instance_id))
        guest = base.active_guest(self.project_id, self.instance_id)
        LOG.info('Creating users %s on instance %s',
                 ', '.join(views.marker(user) for user in users),
                 self.instance_id)
        guest.create_users(users)
        return base.accepted()

    @index.when(method='PUT', template='json')
    def change_passwords(self):
        base.authorize('instance:extension:user:update_all', self.project_id)
        body = base.json_body()
        schemas.validate(schema.change_passwords, body)
        users = _users_for_guest(
            body['users'], with_databases=False,
            reserved=capabilities.of_instance(self.project_id,
                                              self.instance_id))
        guest = base.active_guest(self.project_id, self.instance_id)
        LOG.info('Changing the passwords of users %s on instance %s',
                 ', '.join(views.marker(user) for user in users),
                 self.instance_id)
        guest.change_passwords(users)
        return base.accepted()

    @pecan.expose()
    def _lookup(self, user_id, *remainder):
        return (UserController(self.project_id, self.instance_id, user_id),
                remainder)
