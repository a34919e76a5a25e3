from oslo_policy import policy

from trove.policies import base

rules = [
    policy.DocumentedRuleDefault(
        name='flavor:index', check_str=base.RULE_ANYONE,
        description='List flavors.',
        operations=[{'path': base.PATH_FLAVORS, 'method': 'GET'}]),
    policy.DocumentedRuleDefault(
        name='flavor:show', check_str=base.RULE_ANYONE,
        description='Show a flavor.',
        operations=[{'path': base.PATH_FLAVOR, 'method': 'GET'}]),
]


def list_rules():
    return rules
