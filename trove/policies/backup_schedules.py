from trove.policies import base

PATH_SCHEDULES = base.PATH_BASE + '/backup_schedules'
PATH_SCHEDULE = PATH_SCHEDULES + '/{schedule_id}'

rules = [
    base.owner_rule('backup_schedule:create',
                    'Schedule backups of an instance.', PATH_SCHEDULES,
                    'POST'),
    base.owner_rule('backup_schedule:index', 'List backup schedules.',
                    PATH_SCHEDULES, 'GET'),
    base.owner_rule('backup_schedule:show', 'Show a backup schedule.',
                    PATH_SCHEDULE, 'GET'),
    base.owner_rule('backup_schedule:delete',
                    'Delete a backup schedule (its backups stay).',
                    PATH_SCHEDULE, 'DELETE'),
]


def list_rules():
    return rules
