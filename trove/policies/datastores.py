from oslo_policy import policy

from trove.policies import base


def _rule(name, description, path):
    return policy.DocumentedRuleDefault(
        name=name, check_str=base.RULE_ANYONE, description=description,
        operations=[{'path': path, 'method': 'GET'}])


rules = [
    _rule('datastore:index', 'List datastores.', base.PATH_DATASTORES),
    _rule('datastore:show', 'Show a datastore.', base.PATH_DATASTORE),
    _rule('datastore:version:index', 'List the versions of a datastore.',
          base.PATH_DATASTORE_VERSIONS),
    _rule('datastore:version:show', 'Show a version of a datastore.',
          base.PATH_DATASTORE_VERSION),
    _rule('datastore:version:show_by_uuid', 'Show a datastore version by id.',
          base.PATH_VERSION_BY_UUID),
    policy.DocumentedRuleDefault(
        name='datastore:delete', check_str=base.RULE_ADMIN,
        description='Delete a datastore that has no versions left.',
        operations=[{'path': base.PATH_DATASTORE, 'method': 'DELETE'}]),
]


def list_rules():
    return rules
