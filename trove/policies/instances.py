from oslo_policy import policy

from trove.policies import base


def _rule(name, description, path, method, check=None):
    return policy.DocumentedRuleDefault(
        name=name, check_str=check or base.project_rule(method),
        description=description,
        operations=[{'path': path, 'method': method}])


rules = [
    _rule('instance:create', 'Create a database instance.',
          base.PATH_INSTANCES, 'POST'),
    _rule('instance:index', 'List database instances.',
          base.PATH_INSTANCES, 'GET'),
    _rule('instance:detail', 'List database instances with details.',
          base.PATH_INSTANCES_DETAIL, 'GET'),
    _rule('instance:show', 'Show a database instance.',
          base.PATH_INSTANCE, 'GET'),
    _rule('instance:delete', 'Delete a database instance.',
          base.PATH_INSTANCE, 'DELETE'),
    _rule('instance:update', 'Rename a database instance, or attach or '
          'detach its configuration group.',
          base.PATH_INSTANCE, 'PUT'),
    _rule('instance:action:restart', 'Restart a database instance.',
          base.PATH_INSTANCE_ACTION, 'POST'),
    _rule('instance:action:resize_flavor',
          'Resize a database instance to another flavor.',
          base.PATH_INSTANCE_ACTION, 'POST'),
    _rule('instance:action:resize_volume',
          'Grow the volume of a database instance.',
          base.PATH_INSTANCE_ACTION, 'POST'),
    _rule('instance:action:reset_status',
          'Reset the task and status of a stuck instance.',
          base.PATH_INSTANCE_ACTION, 'POST', check=base.RULE_ADMIN),
]


def list_rules():
    return rules
