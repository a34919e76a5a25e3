"""Database users on an instance (Trove's rule names)."""
from trove.policies import base

rules = [
    base.owner_rule('instance:extension:user:index',
                    'List the users of an instance.',
                    base.PATH_USERS, 'GET'),
    base.owner_rule('instance:extension:user:create',
                    'Create users on an instance (also checked when an '
                    'instance is created with users).',
                    base.PATH_USERS, 'POST',
                    also=[(base.PATH_INSTANCES, 'POST')]),
    base.owner_rule('instance:extension:user:update_all',
                    'Change the passwords of users of an instance.',
                    base.PATH_USERS, 'PUT'),
    base.owner_rule('instance:extension:user:show',
                    'Show a user of an instance.',
                    base.PATH_USER, 'GET'),
    base.owner_rule('instance:extension:user:update',
                    'Change the name, host or password of a user.',
                    base.PATH_USER, 'PUT'),
    base.owner_rule('instance:extension:user:delete',
                    'Delete a user from an instance.',
                    base.PATH_USER, 'DELETE'),
]


def list_rules():
    return rules
