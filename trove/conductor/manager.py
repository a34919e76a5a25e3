"""The conductor: writes what guests report into the control DB, so that
guests never need DB access. It believes a report only if the guest of
the instance it is about signed it (trove.conductor.believed)."""
from oslo_log import log as logging
import oslo_messaging as messaging

from trove.backup import reports as backup_reports
from trove.common import group_commit
from trove.common import notification
from trove.conductor import believed
from trove.db.api import heartbeats
from trove.db.api import instances as instances_api
from trove.instance.status import ServiceStatus
from trove.instance.status import Task

LOG = logging.getLogger(__name__)

# The guest's word ends a build: HEALTHY finishes it, FAILED fails it.
_BUILD_ENDS_AS = {ServiceStatus.HEALTHY: Task.NONE,
                  ServiceStatus.FAILED: Task.BUILDING_ERROR}


def _volume(volume):
    """The guest's {'used', 'size'} in bytes, or None if it is not two
    non-negative integers (a guest's word is checked, not trusted)."""
    if not isinstance(volume, dict):
        return None
    used, size = volume.get('used'), volume.get('size')
    if not all(isinstance(value, int) and not isinstance(value, bool)
               and 0 <= value < 2 ** 62 for value in (used, size)):
        return None
    return {'used': used, 'size': size}


class ConductorManager(object):
    """Server side of trove.conductor.rpcapi.ConductorAPI."""

    RPC_API_VERSION = '1.3'
    target = messaging.Target(version=RPC_API_VERSION)

    def __init__(self):
        # Heartbeats that arrive together are stored together.
        self._heartbeats = group_commit.GroupCommit(
            heartbeats.record_heartbeats)

    @believed.about_instance
    def heartbeat(self, context, instance_id, status, sent, volume=None):
        if status not in ServiceStatus.ALL:
            LOG.warning('Instance %s reported unknown status %r; ignored.',
                        instance_id, status)
            return
        outcome = self._heartbeats.submit(
            (instance_id, status, sent, _BUILD_ENDS_AS.get(status),
             _volume(volume)))
        if not outcome.stored:
            LOG.debug('Dropped a stale heartbeat of instance %s.',
                      instance_id)
            return
        if (outcome.ended_task == Task.BUILDING
                and status == ServiceStatus.HEALTHY):
            notification.notify(context, 'create', instances_api.get_instance(
                None, instance_id, include_deleted=True))

    @believed.about_instance
    def report_fault(self, context, instance_id, message, details, sent):
        LOG.info('Instance %s reported a fault: %s', instance_id, message)
        instances_api.record_fault(instance_id, message, details)

    @believed.about_backup
    def update_backup(self, context, backup_id, values, sent):
        backup_reports.store(backup_id, values, sent)
