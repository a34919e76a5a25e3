"""/v1.0/{project_id}/backup_schedules[/{id}]: backups made on a cron
schedule by the taskmanagers, the newest ``keep`` of them kept."""
from oslo_utils import timeutils
import pecan

from trove.api.v1.controllers import base
from trove.api.v1 import schemas
from trove.api.v1.schemas import backup_schedules as schema
from trove.api.v1.views import backup_schedules as views
from trove.backup import schedules
from trove.db.api import backup_schedules as schedules_db


class BackupScheduleController(object):

    def __init__(self, project_id, schedule_id):
        self.project_id = project_id
        self.schedule_id = schedule_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('backup_schedule:show', self.project_id)
        row = schedules_db.get_schedule(self.project_id, self.schedule_id)
        return {'backup_schedule': views.schedule(row)}

    @index.when(method='DELETE', template='json')
    def delete(self):
        base.authorize('backup_schedule:delete', self.project_id)
        schedules_db.delete_schedule(self.project_id, self.schedule_id)
        return base.accepted()


class BackupSchedulesController(object):

    def __init__(self, project_id):
        self.project_id = project_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def list(self):
        base.authorize('backup_schedule:index', self.project_id)
        instance_id = pecan.request.GET.get('instance_id')
        rows, next_links = base.db_page(
            lambda limit, marker: schedules_db.list_schedules(
                self.project_id, instance_id=instance_id, limit=limit,
                marker=marker))
        return {'backup_schedules': [views.schedule(row) for row in rows],
                'links': next_links}

    @index.when(method='POST', template='json')
    def create(self):
        base.authorize('backup_schedule:create', self.project_id)
        body = base.json_body()
        schemas.validate(schema.create, body)
        row = schedules.create_schedule(self.project_id,
                                        body['backup_schedule'],
                                        timeutils.utcnow())
        return {'backup_schedule': views.schedule(row)}

    @pecan.expose()
    def _lookup(self, schedule_id, *remainder):
        project_id = base.project_of(
            self.project_id,
            lambda: schedules_db.get_schedule(None, schedule_id).project_id)
        return BackupScheduleController(project_id, schedule_id), remainder
