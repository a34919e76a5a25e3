"""Backup schedule bodies."""
from trove.api.v1.views import isotime


def schedule(row):
    return {
        'id': row.id,
        'name': row.name,
        'instance_id': row.instance_id,
        'project_id': row.project_id,
        'cron': row.cron,
        'incremental': row.incremental,
        'keep': row.keep,
        'next_run': isotime(row.next_run),
        'last_run': isotime(row.last_run) if row.last_run else None,
        'last_backup_id': row.last_backup_id,
        # Why the newest attempt made no backup (the instance was busy).
        'last_error': row.last_error,
        'created': isotime(row.created),
    }
