"""/v1.0/{project_id}/backup_strategies: the default swift container of
the project's backups, or of one instance's."""
import pecan

from trove.api.v1.controllers import base
from trove.api.v1 import schemas
from trove.api.v1.schemas import backups as schema
from trove.api.v1.views import backups as views
from trove.common import exception
from trove.db.api import backup_strategies as strategies_db
from trove.db.api import instances as instances_db


class BackupStrategiesController(object):

    def __init__(self, project_id):
        self.project_id = project_id

    def _project(self):
        """The project a request is about: its own, or (admins) the one
        named by ?project_id."""
        other = pecan.request.GET.get('project_id')
        if other and other != self.project_id:
            if not base.context().is_admin:
                raise exception.Forbidden()
            return other
        return self.project_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def list(self):
        base.authorize('backup_strategy:index', self.project_id)
        rows = strategies_db.list_strategies(
            self._project(), pecan.request.GET.get('instance_id'))
        return {'backup_strategies': [views.strategy(row) for row in rows]}

    @index.when(method='POST', template='json')
    def create(self):
        base.authorize('backup_strategy:create', self.project_id)
        body = base.json_body()
        schemas.validate(schema.create_strategy, body)
        request = body['backup_strategy']
        instance_id = request.get('instance_id')
        if instance_id:
            instance_id = instances_db.get_instance(self.project_id,
                                                    instance_id).id
        row = strategies_db.upsert(self.project_id, instance_id, 'swift',
                                   request.get('swift_container'))
        return {'backup_strategy': views.strategy(row)}

    @index.when(method='DELETE', template='json')
    def delete(self):
        base.authorize('backup_strategy:delete', self.project_id)
        strategies_db.delete(self._project(),
                             pecan.request.GET.get('instance_id'))
        return base.accepted()
