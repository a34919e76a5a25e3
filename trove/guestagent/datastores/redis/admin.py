"""Users and root of a Redis instance, as Redis 7 ACL users.

Redis has no databases to create and no per-database access: those stay
the base class's "not supported" (a 400). Hosts do not exist either: a
user's host is '%' or nothing. Every change is saved to the ACL file on
the volume (ACL SAVE) before it is reported done.
"""
import contextlib
import secrets

import redis

from trove.common import exception
from trove.guestagent.datastores import base
from trove.guestagent.datastores.common import names
from trove.guestagent.datastores.redis import acl
from trove.guestagent.datastores.redis import client

DATASTORE = 'redis'


def check_users(users):
    for user in users:
        acl.user_name(user['name'])
        acl.password_hash(user.get('password'))
        names.check_any_host(DATASTORE, user.get('host'))
        if user.get('databases'):
            raise exception.DatastoreOperationNotSupported(
                datastore=DATASTORE, operation='databases')
    names.check_unique('User', [user['name'] for user in users])


class RedisAdmin(base.DatabaseAdmin):

    datastore_name = DATASTORE
    reserved_users = acl.RESERVED_USERS

    def __init__(self, layout):
        self.layout = layout

    @contextlib.contextmanager
    def _connection(self, save=True):
        connection = client.connect(self.layout)
        try:
            yield connection
            if save:
                connection.acl_save()
        except redis.ResponseError as error:
            # What Redis refuses in a rule is the user's input.
            raise names.invalid(str(error)) from None
        except (redis.RedisError, OSError) as error:
            raise exception.GuestError(
                reason='cannot reach Redis: %s' % error) from error
        finally:
            connection.close()

    def list_users(self):
        with self._connection(save=False) as connection:
            return [_user(name) for name in sorted(connection.acl_users())
                    if name not in acl.RESERVED_USERS]

    def get_user(self, name, host):
        names.check_any_host(self.datastore_name, host)
        with self._connection(save=False) as connection:
            _existing(connection, name)
        return _user(name)

    def create_users(self, users):
        check_users(users)
        with self._connection() as connection:
            clash = [user['name'] for user in users
                     if connection.acl_getuser(user['name']) is not None]
            if clash:
                raise names.already_exists('User', ', '.join(clash))
            for user in users:
                _set_user(connection, user['name'],
                          acl.user_rules(user['password']))

    def delete_user(self, name, host):
        names.check_any_host(self.datastore_name, host)
        with self._connection() as connection:
            _existing(connection, name)
            # Also closes the user's connections.
            connection.acl_deluser(name)

    def update_user(self, name, host, new_name=None, new_password=None,
                    new_host=None):
        names.check_any_host(self.datastore_name, host)
        names.check_any_host(self.datastore_name, new_host)
        renamed = new_name not in (None, name)
        if renamed:
            acl.user_name(new_name)
        extra = [] if new_password is None else acl.password_rules(
            new_password)
        with self._connection() as connection:
            _existing(connection, name)
            if not renamed:
                if extra:
                    _set_user(connection, name, extra)
                return
            if connection.acl_getuser(new_name) is not None:
                raise names.already_exists('User', new_name)
            # No rename in Redis: a copy of the user (password hashes
            # included) under the new name, then the old one goes.
            entry = [line for line in connection.acl_list()
                     if line.split(' ', 2)[1] == name][0]
            _set_user(connection, new_name, acl.rules_of(entry) + extra)
            connection.acl_deluser(name)

    def change_passwords(self, users):
        for user in users:
            names.check_any_host(self.datastore_name, user.get('host'))
            acl.password_hash(user.get('password'))
        names.check_unique('User', [user['name'] for user in users])
        with self._connection() as connection:
            for user in users:
                _existing(connection, user['name'])
            for user in users:
                _set_user(connection, user['name'],
                          acl.password_rules(user['password']))

    def enable_root(self, password=None):
        """The default user gets ``password`` and every command: what
        ``redis-cli -a PASSWORD`` logs in as."""
        password = password or secrets.token_urlsafe(24)
        rules = acl.root_rules(password)
        with self._connection() as connection:
            _set_user(connection, acl.ROOT_USER, rules)
        return {'name': acl.ROOT_USER, 'password': password}

    def disable_root(self):
        with self._connection() as connection:
            _set_user(connection, acl.ROOT_USER, acl.ROOT_DISABLED)
            connection.client_kill_filter(user=acl.ROOT_USER)


def _set_user(connection, name, rules):
    connection.execute_command('ACL', 'SETUSER', name, *rules)


def _existing(connection, name):
    if name in acl.RESERVED_USERS or connection.acl_getuser(name) is None:
        raise names.not_found('User', name)


def _user(name):
    return {'name': name, 'host': '%', 'databases': []}
