from oslo_policy import policy

from trove.policies import base

rules = [
    policy.DocumentedRuleDefault(
        name='limits:index', check_str=base.RULE_ADMIN_OR_READER,
        description="List a project's quotas and rate limits.",
        operations=[{'path': base.PATH_LIMITS, 'method': 'GET'}]),
]


def list_rules():
    return rules
