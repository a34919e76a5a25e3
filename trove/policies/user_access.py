"""The databases a user may access (Trove's rule names)."""
from trove.policies import base

rules = [
    base.owner_rule('instance:extension:user_access:index',
                    'List the databases a user has access to.',
                    base.PATH_USER_ACCESS, 'GET'),
    base.owner_rule('instance:extension:user_access:update',
                    'Grant a user access to databases.',
                    base.PATH_USER_ACCESS, 'PUT'),
    base.owner_rule('instance:extension:user_access:delete',
                    "Revoke a user's access to a database.",
                    base.PATH_USER_ACCESS_DATABASE, 'DELETE'),
]


def list_rules():
    return rules
