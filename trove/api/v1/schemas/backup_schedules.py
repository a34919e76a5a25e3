"""Schema of POST /backup_schedules (the cron expression itself is checked
by trove.backup.cron, which says what is wrong with it)."""
from trove.api.v1.schemas import instances

create = {
    'type': 'object',
    'required': ['backup_schedule'],
    'properties': {
        'backup_schedule': {
            'type': 'object',
            'required': ['instance_id', 'name', 'cron', 'keep'],
            'additionalProperties': False,
            'properties': {
                'instance_id': {'type': 'string', 'minLength': 1,
                                'maxLength': 64},
                # Backups are named "<name>-<UTC timestamp>" (255 at most).
                'name': {'type': 'string', 'minLength': 1, 'maxLength': 200,
                         'pattern': instances.PRINTABLE_NAME},
                'cron': {'type': 'string', 'minLength': 1, 'maxLength': 255},
                'incremental': {'type': ['boolean', 'null']},
                'keep': {'type': 'integer', 'minimum': 1, 'maximum': 1000},
            },
        },
    },
}
