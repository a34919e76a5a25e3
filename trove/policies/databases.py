"""Databases on an instance. Rule names are Trove's, so that policy files
written for Trove keep working."""
from trove.policies import base

rules = [
    base.owner_rule('instance:extension:database:index',
                    'List the databases of an instance.',
                    base.PATH_DATABASES, 'GET'),
    base.owner_rule('instance:extension:database:create',
                    'Create databases on an instance (also checked when an '
                    'instance is created with databases).',
                    base.PATH_DATABASES, 'POST',
                    also=[(base.PATH_INSTANCES, 'POST')]),
    base.owner_rule('instance:extension:database:delete',
                    'Delete a database from an instance.',
                    base.PATH_DATABASE, 'DELETE'),
]


def list_rules():
    return rules
