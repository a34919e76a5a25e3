"""/v1.0/{project_id}/datastores[/{ds}[/versions[/{v}]]] and
/datastores/versions/{uuid}. Datastores and versions are found by id or
name."""
import pecan

from trove.api.v1.controllers import base
from trove.api.v1.controllers import configuration_parameters as parameters
from trove.api.v1.views import datastores as views
from trove.db.api import datastores as datastores_db


def _visible_versions(datastore_id):
    # Inactive versions cannot be used; only admins, who may activate
    # them, see them.
    return datastores_db.list_versions(
        datastore_id, only_active=not base.context().is_admin)


class VersionController(object):

    def __init__(self, project_id, datastore, version):
        self.project_id = project_id
        self.datastore = datastore
        self.version = version
        self.parameters = parameters.ParametersController(
            project_id, parameters.version_finder(datastore, version))

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('datastore:version:show', self.project_id)
        datastore = datastores_db.get_datastore(self.datastore)
        version = datastores_db.get_version(datastore.id, self.version)
        return {'version': views.version(base.view_context(self.project_id),
                                         version)}


class VersionsController(object):
    """The versions of one datastore."""

    def __init__(self, project_id, datastore):
        self.project_id = project_id
        self.datastore = datastore

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def list(self):
        base.authorize('datastore:version:index', self.project_id)
        datastore = datastores_db.get_datastore(self.datastore)
        view_context = base.view_context(self.project_id)
        return {'versions': [views.version(view_context, version)
                             for version in _visible_versions(datastore.id)]}

    @pecan.expose()
    def _lookup(self, version, *remainder):
        return (VersionController(self.project_id, self.datastore, version),
                remainder)


class VersionByIdController(object):

    def __init__(self, project_id, version_id):
        self.project_id = project_id
        self.version_id = version_id
        self.parameters = parameters.ParametersController(
            project_id, parameters.version_by_id(version_id),
            by_version=True)

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('datastore:version:show_by_uuid', self.project_id)
        version = datastores_db.get_version_by_id(self.version_id)
        return {'version': views.version(base.view_context(self.project_id),
                                         version)}


class VersionsByIdController(object):
    """/datastores/versions/{uuid}: a version without its datastore."""

    def __init__(self, project_id):
        self.project_id = project_id

    @pecan.expose()
    def _lookup(self, version_id, *remainder):
        return VersionByIdController(self.project_id, version_id), remainder


class DatastoreController(object):

    def __init__(self, project_id, datastore):
        self.project_id = project_id
        self.datastore = datastore
        self.versions = VersionsController(project_id, datastore)

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('datastore:show', self.project_id)
        datastore = datastores_db.get_datastore(self.datastore)
        return {'datastore': views.datastore(
            base.view_context(self.project_id), datastore,
            _visible_versions(datastore.id))}

    @index.when(method='DELETE', template='json')
    def delete(self):
        # `openstack datastore delete`: admins, once no version is left.
        base.authorize('datastore:delete', self.project_id)
        datastores_db.delete_datastore(self.datastore)
        return base.accepted()


class DatastoresController(object):

    def __init__(self, project_id):
        self.project_id = project_id
        self.versions = VersionsByIdController(project_id)

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def list(self):
        base.authorize('datastore:index', self.project_id)
        view_context = base.view_context(self.project_id)
        bodies = []
        for datastore in datastores_db.list_datastores():
            versions = _visible_versions(datastore.id)
            # A datastore without a usable version cannot be chosen.
            if versions or view_context.is_admin:
                bodies.append(views.datastore(view_context, datastore,
                                              versions))
        return {'datastores': bodies, 'links': []}

    @pecan.expose()
    def _lookup(self, datastore, *remainder):
        return DatastoreController(self.project_id, datastore), remainder
