"""The parameters a configuration group may set on a datastore version:
/datastores/{ds}/versions/{version}/parameters[/{name}] and
/datastores/versions/{version_id}/parameters[/{name}]."""
import pecan

from trove.api.v1.controllers import base
from trove.api.v1.views import configurations as views
from trove.db.api import configuration_parameters as parameters_db
from trove.db.api import datastores as datastores_db


def version_finder(datastore, version):
    """The version named within its datastore (id or name of each)."""
    def find():
        found = datastores_db.get_datastore(datastore)
        return datastores_db.get_version(found.id, version)
    return find


def version_by_id(version_id):
    return lambda: datastores_db.get_version_by_id(version_id)


class ParameterController(object):

    def __init__(self, project_id, find_version, rule, name):
        self.project_id = project_id
        self.find_version = find_version
        self.rule = rule
        self.name = name

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        base.authorize('configuration-parameter:%s' % self.rule,
                       self.project_id)
        version = self.find_version()
        return views.parameter(parameters_db.get_parameter(version.id,
                                                           self.name))


class ParametersController(object):
    """``by_version``: reached through /datastores/versions/{id}, whose
    rules are Trove's *_by_version ones."""

    def __init__(self, project_id, find_version, by_version=False):
        self.project_id = project_id
        self.find_version = find_version
        self.suffix = '_by_version' if by_version else ''

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def list(self):
        base.authorize('configuration-parameter:index' + self.suffix,
                       self.project_id)
        version = self.find_version()
        return {'configuration-parameters': [
            views.parameter(row)
            for row in parameters_db.list_parameters(version.id)]}

    @pecan.expose()
    def _lookup(self, name, *remainder):
        return (ParameterController(self.project_id, self.find_version,
                                    'show' + self.suffix, name), remainder)
