"""Creating, changing and deleting configuration groups (trove-api).

Values are checked whole against the rules of the group's datastore
version before anything is stored; a change of an attached group is cast
to the taskmanager, which brings every instance using it up to date."""
from oslo_log import log as logging

from trove.configuration import attachments
from trove.configuration import values as values_module
from trove.db.api import configuration_parameters as parameters_db
from trove.db.api import configurations as configurations_db
from trove.db.api import datastores as datastores_db
from trove.instance import operations

LOG = logging.getLogger(__name__)


version_label = values_module.version_label


def check_values(version, values):
    values_module.check(values, parameters_db.rules_by_name(version.id),
                        version_label(version))


def create(context, project_id, request):
    """``request``: the validated "configuration" object of the body."""
    datastore = request.get('datastore') or {}
    version = operations.resolve_datastore_version(datastore.get('type'),
                                                   datastore.get('version'))
    check_values(version, request['values'])
    configuration = configurations_db.create(
        project_id, request['name'], request.get('description'), version.id,
        request['values'])
    LOG.info('Created configuration group %s (%s) for %s',
             configuration.id, configuration.name, version_label(version))
    return configuration


def update(context, project_id, configuration_id, request, replace):
    """PUT (``replace``: the values become exactly these) or PATCH (merged
    into the old ones)."""
    configuration = configurations_db.get(project_id, configuration_id)
    version = datastores_db.get_version_by_id(
        configuration.datastore_version_id)
    check_values(version, request['values'])
    instance_ids = configurations_db.update(
        project_id, configuration.id, request['values'], replace,
        name=request.get('name'), description=request.get('description'))
    LOG.info('Changed configuration group %s; %d instances use it',
             configuration.id, len(instance_ids))
    if instance_ids:
        attachments.cast('update_configuration', context, configuration.id)
    return configurations_db.get(project_id, configuration.id)


def delete(context, project_id, configuration_id):
    configurations_db.delete(project_id, configuration_id)
    LOG.info('Deleted configuration group %s', configuration_id)
