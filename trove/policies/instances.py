from oslo_policy import policy

from trove.policies import base


def _rule(name, description, path, method, check=base.RULE_ADMIN_OR_OWNER):
    return policy.DocumentedRuleDefault(
        name=name, check_str=check, description=description,
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
]


def list_rules():
    return rules
