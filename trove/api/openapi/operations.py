"""Every operation of the v1.0 API: method, path, the schema its body is
validated with (None: no body), its success status and a summary.

Paths are below /v1.0/{project_id} unless they start with '//' (the
version documents). A unit test sends each to the API and checks that a
handler answers it, so this table lists what is routed.
"""
import collections

from trove.api.v1.schemas import backup_schedules
from trove.api.v1.schemas import backups
from trove.api.v1.schemas import configurations
from trove.api.v1.schemas import databases
from trove.api.v1.schemas import instance_actions
from trove.api.v1.schemas import instances
from trove.api.v1.schemas import mgmt
from trove.api.v1.schemas import root
from trove.api.v1.schemas import users

Operation = collections.namedtuple(
    'Operation', ['method', 'path', 'tag', 'summary', 'schema', 'status',
                  'paged', 'optional_body'])


def _op(method, path, tag, summary, schema=None, status=200, paged=False,
        optional_body=False):
    return Operation(method, path, tag, summary, schema, status, paged,
                     optional_body)


_INSTANCE = '/instances/{instance_id}'
_USER = _INSTANCE + '/users/{user}'
_VERSION = '/datastores/{datastore}/versions/{version}'
_VERSION_BY_ID = '/datastores/versions/{version_id}'

OPERATIONS = (
    _op('GET', '//', 'versions', 'List API versions'),
    _op('GET', '//v1.0', 'versions', 'Show API version v1.0'),

    _op('GET', '/instances', 'instances', 'List instances', paged=True),
    _op('GET', '/instances/detail', 'instances',
        'List instances with details', paged=True),
    _op('POST', '/instances', 'instances', 'Create an instance',
        instances.create),
    _op('GET', _INSTANCE, 'instances', 'Show an instance'),
    _op('PUT', _INSTANCE, 'instances',
        'Rename an instance or attach/detach a configuration',
        instance_actions.update, 202),
    _op('PATCH', _INSTANCE, 'instances', 'Same as PUT',
        instance_actions.update, 202),
    _op('DELETE', _INSTANCE, 'instances', 'Delete an instance', status=202),
    _op('POST', _INSTANCE + '/action', 'instances',
        'Restart, resize or reset an instance', instance_actions.action,
        202),
    _op('GET', _INSTANCE + '/backups', 'backups',
        "List an instance's backups", paged=True),
    _op('GET', _INSTANCE + '/configuration', 'configurations',
        'Show the configuration an instance runs with'),

    _op('GET', _INSTANCE + '/databases', 'databases', 'List databases',
        paged=True),
    _op('POST', _INSTANCE + '/databases', 'databases', 'Create databases',
        databases.create, 202),
    _op('DELETE', _INSTANCE + '/databases/{database}', 'databases',
        'Delete a database', status=202),

    _op('GET', _INSTANCE + '/users', 'users', 'List users', paged=True),
    _op('POST', _INSTANCE + '/users', 'users', 'Create users',
        users.create, 202),
    _op('PUT', _INSTANCE + '/users', 'users', "Change users' passwords",
        users.change_passwords, 202),
    _op('GET', _USER, 'users', 'Show a user (name or name@host)'),
    _op('PUT', _USER, 'users', 'Change a user', users.update, 202),
    _op('DELETE', _USER, 'users', 'Delete a user', status=202),
    _op('GET', _USER + '/databases', 'users',
        "List a user's databases"),
    _op('PUT', _USER + '/databases', 'users', 'Grant access to databases',
        users.grant, 202),
    _op('DELETE', _USER + '/databases/{database}', 'users',
        'Revoke access to a database', status=202),

    _op('GET', _INSTANCE + '/root', 'root', 'Show whether root is enabled'),
    _op('POST', _INSTANCE + '/root', 'root', 'Enable root',
        root.enable, optional_body=True),
    _op('DELETE', _INSTANCE + '/root', 'root', 'Disable root', status=204),

    _op('GET', '/backups', 'backups', 'List backups', paged=True),
    _op('POST', '/backups', 'backups', 'Create a backup', backups.create,
        202),
    _op('GET', '/backups/{backup_id}', 'backups', 'Show a backup'),
    _op('DELETE', '/backups/{backup_id}', 'backups', 'Delete a backup',
        status=202),
    _op('GET', '/backup_strategies', 'backups', 'List backup strategies'),
    _op('POST', '/backup_strategies', 'backups', 'Create a backup strategy',
        backups.create_strategy),
    _op('DELETE', '/backup_strategies', 'backups',
        'Delete backup strategies', status=202),
    _op('GET', '/backup_schedules', 'backups', 'List backup schedules',
        paged=True),
    _op('POST', '/backup_schedules', 'backups', 'Create a backup schedule',
        backup_schedules.create),
    _op('GET', '/backup_schedules/{schedule_id}', 'backups',
        'Show a backup schedule'),
    _op('DELETE', '/backup_schedules/{schedule_id}', 'backups',
        'Delete a backup schedule', status=202),

    _op('GET', '/configurations', 'configurations',
        'List configuration groups', paged=True),
    _op('POST', '/configurations', 'configurations',
        'Create a configuration group', configurations.create),
    _op('GET', '/configurations/{configuration_id}', 'configurations',
        'Show a configuration group'),
    _op('PUT', '/configurations/{configuration_id}', 'configurations',
        "Replace a group's values", configurations.update, 202),
    _op('PATCH', '/configurations/{configuration_id}', 'configurations',
        "Merge values into a group's", configurations.update, 204),
    _op('DELETE', '/configurations/{configuration_id}', 'configurations',
        'Delete a configuration group', status=202),
    _op('GET', '/configurations/{configuration_id}/instances',
        'configurations', 'List the instances a group is attached to',
        paged=True),

    _op('GET', '/datastores', 'datastores', 'List datastores'),
    _op('GET', '/datastores/{datastore}', 'datastores', 'Show a datastore'),
    _op('GET', '/datastores/{datastore}/versions', 'datastores',
        "List a datastore's versions"),
    _op('GET', _VERSION, 'datastores', 'Show a datastore version'),
    _op('GET', _VERSION_BY_ID, 'datastores', 'Show a datastore version'),
    _op('GET', _VERSION + '/parameters', 'datastores',
        'List configuration parameters'),
    _op('GET', _VERSION + '/parameters/{name}', 'datastores',
        'Show a configuration parameter'),
    _op('GET', _VERSION_BY_ID + '/parameters', 'datastores',
        'List configuration parameters'),
    _op('GET', _VERSION_BY_ID + '/parameters/{name}', 'datastores',
        'Show a configuration parameter'),

    _op('GET', '/flavors', 'flavors', 'List flavors'),
    _op('GET', '/flavors/{flavor_id}', 'flavors', 'Show a flavor'),
    _op('GET', '/limits', 'limits', 'Show absolute limits and usage'),

    _op('GET', '/mgmt/quotas/{tenant_id}', 'mgmt', "Show a project's quotas"),
    _op('PUT', '/mgmt/quotas/{tenant_id}', 'mgmt',
        "Change a project's quotas", mgmt.quotas),
    _op('GET', '/mgmt/instances', 'mgmt', 'List instances (admin)',
        paged=True),
    _op('GET', '/mgmt/instances/{instance_id}', 'mgmt',
        'Show an instance (admin)'),
    _op('POST', '/mgmt/instances/{instance_id}/action', 'mgmt',
        'Run an admin action on an instance', mgmt.instance_action, 202),
)
