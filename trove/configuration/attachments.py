"""Attaching a group to an instance and detaching it (trove-api).

The API records what the instance should run with; the taskmanager
applies it on the guest (live where the engine allows, in its config
files always) and marks the instance RESTART_REQUIRED where it cannot."""
from oslo_log import log as logging

from trove.common import exception
from trove.configuration import values
from trove.db.api import configurations as configurations_db
from trove.db.api import instance_configurations as states_db
from trove.db.api import instances as instances_db
from trove.instance.status import Task
from trove.taskmanager import rpcapi

LOG = logging.getLogger(__name__)


def checked_group(project_id, configuration_id, datastore_version):
    """The project's group, which must be for ``datastore_version``."""
    configuration = configurations_db.get(project_id, configuration_id)
    if configuration.datastore_version_id != datastore_version.id:
        raise exception.BadRequest(
            'Configuration group %s is for %s, not for %s like the instance.'
            % (configuration.id,
               values.version_label(configuration.datastore_version),
               values.version_label(datastore_version)))
    return configuration


def cast(method, context, *args):
    """Cast to the taskmanager. The change is recorded already: if the
    cast is lost, the taskmanager's sync pass finds it due all the same,
    so a failure here is no failure of the request."""
    try:
        getattr(rpcapi.TaskManagerAPI(), method)(context, *args)
    except Exception:
        LOG.warning('Could not cast %s%s to the taskmanager; its sync pass '
                    'will apply the change.', method, args, exc_info=True)


def _changeable(instance):
    if instance.task_status == Task.DELETING:
        raise exception.UnprocessableEntity(
            'Instance %s is being deleted.' % instance.id)


def attach(context, project_id, instance_id, configuration_id):
    instance = instances_db.get_instance(project_id, instance_id)
    _changeable(instance)
    configuration = checked_group(project_id, configuration_id,
                                  instance.datastore_version)
    if not states_db.attach(instance.id, configuration.id):
        current = states_db.get_state(instance.id)
        raise exception.BadRequest(
            'Instance %s already has configuration group %s attached; '
            'detach it first.' % (instance.id, current.configuration_id))
    LOG.info('Attached configuration group %s to instance %s',
             configuration.id, instance.id)
    cast('apply_configuration', context, instance.id)


def detach(context, project_id, instance_id):
    instance = instances_db.get_instance(project_id, instance_id)
    _changeable(instance)
    if not states_db.detach(instance.id):
        LOG.info('Instance %s has no configuration group to detach',
                 instance.id)
        return
    LOG.info('Detached the configuration group of instance %s', instance.id)
    cast('apply_configuration', context, instance.id)


def attach_to_new_instance(instance_id, configuration_id):
    """A group given at create: prepare hands it to the guest, which
    writes it before the engine first starts."""
    states_db.attach(instance_id, configuration_id)
