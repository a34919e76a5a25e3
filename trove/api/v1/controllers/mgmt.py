"""/v1.0/{project_id}/mgmt/...: the admins' API."""
from trove.api.v1.controllers import mgmt_datastore_versions
from trove.api.v1.controllers import mgmt_instances
from trove.api.v1.controllers import quotas


class MgmtController(object):

    def __init__(self, project_id):
        self.quotas = quotas.QuotasController(project_id)
        self.instances = mgmt_instances.InstancesController(project_id)
        # Pecan maps the URL's datastore-versions to this attribute.
        setattr(self, 'datastore-versions',
                mgmt_datastore_versions.VersionsController(project_id))
