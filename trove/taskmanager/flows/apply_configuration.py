"""Bring an instance's guest up to date with the configuration it should
run with (its group's values, or none: the template defaults).

Runs under the instance's lock, so never beside a restart or resize; an
instance busy with another task, or whose guest is silent, is left for
the sync pass (configuration_sync), which retries while it is due."""
from oslo_log import log as logging
from oslo_utils import timeutils

from trove.common import exception
from trove.conf import CONF
from trove.db.api import configuration_parameters as parameters_api
from trove.db.api import configurations as configurations_api
from trove.db.api import instance_configurations as states_api
from trove.db.api import instances as instances_api
from trove.guestagent import rpcapi as guest_rpcapi
from trove.instance import keys
from trove.instance import status
from trove.instance.status import ServiceStatus
from trove.instance.status import Task

LOG = logging.getLogger(__name__)

# The agent answers (the engine may be down: it then only writes files).
REACHABLE = (ServiceStatus.HEALTHY, ServiceStatus.RUNNING,
             ServiceStatus.SHUTDOWN)


def desired(state, datastore_version_id):
    """(values, names of restart-required parameters) for the guest."""
    values = {}
    if state is not None and state.configuration_id is not None:
        values = configurations_api.values_of(state.configuration)
    rules = parameters_api.rules_by_name(datastore_version_id)
    return values, sorted(name for name, rule in rules.items()
                          if rule.restart_required)


def for_prepare(instance_id):
    """{values, serial} of the group a new instance was created with
    (None without one), recorded as applied: prepare writes it before
    the engine first starts."""
    state = states_api.get_state(instance_id)
    if state is None or state.configuration_id is None:
        return None
    states_api.mark_applied(instance_id, state.serial, False)
    return {'values': configurations_api.values_of(state.configuration),
            'serial': state.serial}


def _reachable(instance):
    service = instance.service_status
    if service is None or service.status not in REACHABLE:
        return False
    seconds = (timeutils.utcnow() - service.updated).total_seconds()
    return status.effective_service_status(
        service.status, seconds, CONF.agent_heartbeat_expiry) in REACHABLE


def run(context, instance_id):
    state = states_api.get_state(instance_id)
    if state is None or state.serial == state.applied_serial:
        return
    try:
        instance = instances_api.get_instance(None, instance_id)
    except exception.InstanceNotFound:
        return
    if instance.task_status != Task.NONE or not _reachable(instance):
        LOG.debug('Instance %s is busy or silent; its configuration will '
                  'be applied later.', instance_id)
        return
    values, restart_names = desired(state, instance.datastore_version_id)
    guest = guest_rpcapi.GuestAPI(context, instance.id,
                                  keys.decrypt_key(instance.encrypted_key))
    try:
        result = guest.apply_configuration(values, restart_names,
                                           state.serial)
    except exception.BadRequest as error:
        # The engine refused a value the rules allowed; the guest changed
        # nothing. Retrying cannot help: tell the user.
        LOG.warning('Instance %s refused its configuration: %s',
                    instance_id, error)
        instances_api.record_fault(
            instance_id, 'The configuration could not be applied: %s'
            % error)
        states_api.mark_applied(instance_id, state.serial, None)
        return
    except Exception:
        LOG.exception('Applying the configuration of instance %s failed; '
                      'will retry.', instance_id)
        return
    states_api.mark_applied(instance_id, state.serial,
                            bool(result.get('restart_required')))
    LOG.info('Configuration %s applied to instance %s%s.',
             state.configuration_id or '(defaults)', instance_id,
             ' (restart required)' if result.get('restart_required') else '')
