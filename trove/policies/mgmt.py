"""The mgmt (admin) API: quotas of any project, instances of every
project, datastore versions. Admin only by default."""
from oslo_policy import policy

from trove.policies import base

PATH_MGMT = base.PATH_BASE + '/mgmt'
PATH_QUOTAS = PATH_MGMT + '/quotas/{tenant_id}'
PATH_INSTANCES = PATH_MGMT + '/instances'
PATH_INSTANCE = PATH_INSTANCES + '/{instance_id}'
PATH_INSTANCE_ACTION = PATH_INSTANCE + '/action'
PATH_VERSIONS = PATH_MGMT + '/datastore-versions'
PATH_VERSION = PATH_VERSIONS + '/{datastore_version_id}'


def _rule(name, description, path, method):
    return policy.DocumentedRuleDefault(
        name=name, check_str=base.RULE_ADMIN, description=description,
        operations=[{'path': path, 'method': method}])


rules = [
    _rule('mgmt:quota:show', "Show a project's quotas and usage.",
          PATH_QUOTAS, 'GET'),
    _rule('mgmt:quota:update', "Change a project's quotas.",
          PATH_QUOTAS, 'PUT'),
    _rule('mgmt:instance:index',
          'List the instances of every project, deleted ones too.',
          PATH_INSTANCES, 'GET'),
    _rule('mgmt:instance:show',
          "Show any project's instance with its server's details.",
          PATH_INSTANCE, 'GET'),
    _rule('mgmt:instance:action:stop',
          'Stop the server of an instance and keep it stopped.',
          PATH_INSTANCE_ACTION, 'POST'),
    _rule('mgmt:instance:action:reboot',
          'Reboot the server of an instance.',
          PATH_INSTANCE_ACTION, 'POST'),
    _rule('mgmt:instance:action:reset_task_status',
          'Forget the task an instance is in.',
          PATH_INSTANCE_ACTION, 'POST'),
    _rule('mgmt:datastore_version:index',
          'List every datastore version, inactive ones too.',
          PATH_VERSIONS, 'GET'),
    _rule('mgmt:datastore_version:show',
          'Show a datastore version with its manager and images.',
          PATH_VERSION, 'GET'),
    _rule('mgmt:datastore_version:create', 'Register a datastore version.',
          PATH_VERSIONS, 'POST'),
    _rule('mgmt:datastore_version:update',
          'Change a datastore version (image, tags, active, default).',
          PATH_VERSION, 'PATCH'),
    _rule('mgmt:datastore_version:delete',
          'Remove a datastore version nothing uses.',
          PATH_VERSION, 'DELETE'),
]


def list_rules():
    return rules
