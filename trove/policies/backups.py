from oslo_policy import policy

from trove.policies import base

PATH_BACKUPS = base.PATH_BASE + '/backups'
PATH_BACKUP = PATH_BACKUPS + '/{backup_id}'
PATH_INSTANCE_BACKUPS = base.PATH_INSTANCE + '/backups'
PATH_STRATEGIES = base.PATH_BASE + '/backup_strategies'

rules = [
    base.owner_rule('backup:create', 'Create a backup of an instance.',
                    PATH_BACKUPS, 'POST'),
    base.owner_rule('backup:index', 'List backups.', PATH_BACKUPS, 'GET',
                    also=[(PATH_INSTANCE_BACKUPS, 'GET')]),
    policy.DocumentedRuleDefault(
        name='backup:index:all_projects', check_str=base.RULE_ADMIN,
        description='List the backups of every project.',
        operations=[{'path': PATH_BACKUPS, 'method': 'GET'}]),
    base.owner_rule('backup:show', 'Show a backup.', PATH_BACKUP, 'GET'),
    base.owner_rule('backup:delete', 'Delete a backup.', PATH_BACKUP,
                    'DELETE'),
    base.owner_rule('backup_strategy:create',
                    'Set the default container of a project\'s or an '
                    'instance\'s backups.', PATH_STRATEGIES, 'POST'),
    base.owner_rule('backup_strategy:index', 'List backup strategies.',
                    PATH_STRATEGIES, 'GET'),
    base.owner_rule('backup_strategy:delete', 'Delete a backup strategy.',
                    PATH_STRATEGIES, 'DELETE'),
]


def list_rules():
    return rules
