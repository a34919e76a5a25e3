"""/v1.0/{project_id}/backups[/{id}] and /instances/{id}/backups."""
import pecan

from trove.api.v1.controllers import base
from trove.api.v1 import schemas
from trove.api.v1.schemas import backups as schema
from trove.api.v1.views import backups as views
from trove.backup import operations
from trove.common import exception
from trove.db.api import backups as backups_db
from trove.db.api import instances as instances_db


def _page(viewer, project_id, instance_id=None, datastore=None):
    """One page of backups (newest first) and the links to the next."""
    rows, next_links = base.db_page(
        lambda limit, marker: backups_db.list_backups(
            project_id, instance_id=instance_id, datastore=datastore,
            limit=limit, marker=marker))
    view_context = base.view_context(viewer)
    return {'backups': [views.backup(view_context, row) for row in rows],
            'links': next_links}


class BackupController(object):

    def __init__(self, project_id, backup_id):
        self.project_id = project_id
        self.backup_id = backup_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('backup:show', self.project_id)
        row = backups_db.get_backup(self.project_id, self.backup_id)
        return {'backup': views.backup(base.view_context(self.project_id),
                                       row)}

    @index.when(method='DELETE', template='json')
    def delete(self):
        base.authorize('backup:delete', self.project_id)
        operations.delete_backup(base.context(), self.project_id,
                                 self.backup_id)
        return base.accepted()


class BackupsController(object):

    def __init__(self, project_id):
        self.project_id = project_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def list(self):
        base.authorize('backup:index', self.project_id)
        query = pecan.request.GET
        project_id = self.project_id
        if query.get('all_projects') or query.get('project_id'):
            base.authorize('backup:index:all_projects', self.project_id)
            project_id = query.get('project_id') or None
        return _page(self.project_id, project_id,
                     instance_id=query.get('instance_id'),
                     datastore=query.get('datastore'))

    @index.when(method='POST', template='json')
    def create(self):
        base.authorize('backup:create', self.project_id)
        body = base.json_body()
        if isinstance(body.get('backup'), dict) and body['backup'].get(
                'restore_from') is not None:
            # Importing a backup stored elsewhere (Trove's restore_from).
            raise exception.BadRequest("'restore_from' is not supported.")
        schemas.validate(schema.create, body)
        row = operations.create_backup(base.context(), self.project_id,
                                       body['backup'])
        row = backups_db.get_backup(self.project_id, row.id)
        pecan.response.status = 202   # Trove's answer: started, not done
        return {'backup': views.backup(base.view_context(self.project_id),
                                       row)}

    @pecan.expose()
    def _lookup(self, backup_id, *remainder):
        project_id = base.project_of(
            self.project_id,
            lambda: backups_db.get_backup(None, backup_id).project_id)
        return BackupController(project_id, backup_id), remainder


class InstanceBackupsController(object):
    """GET /instances/{id}/backups."""

    def __init__(self, project_id, instance_id):
        self.project_id = project_id
        self.instance_id = instance_id

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def list(self):
        base.authorize('backup:index', self.project_id)
        instance = instances_db.get_instance(self.project_id,
                                             self.instance_id)
        return _page(self.project_id, self.project_id,
                     instance_id=instance.id)
