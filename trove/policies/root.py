"""The engine's superuser on an instance (Trove's rule names)."""
from trove.policies import base

rules = [
    base.owner_rule('instance:extension:root:index',
                    'Show whether root was ever enabled on an instance.',
                    base.PATH_ROOT, 'GET'),
    base.owner_rule('instance:extension:root:create',
                    'Enable root on an instance (or reset its password).',
                    base.PATH_ROOT, 'POST'),
    base.owner_rule('instance:extension:root:delete',
                    'Disable root on an instance.',
                    base.PATH_ROOT, 'DELETE'),
]


def list_rules():
    return rules
