"""Stop an instance's server, change something while it is down, start it
again, and end the task once the guest reports a healthy engine.

Restart, flavor resize and volume resize are all this one workflow on the
local driver: the engine re-reads its flavor-sized config when it starts.
If this process dies midway, the reaper ends the task at its deadline.
"""
import time

from oslo_log import log as logging
from oslo_utils import timeutils

from trove.db.api import instances as instances_api
from trove.instance.status import ServiceStatus

LOG = logging.getLogger(__name__)

POLL_SECONDS = 0.1


def run(driver, instance_id, task, while_down=None, on_healthy=None):
    """``while_down()`` runs with the server stopped; ``on_healthy()``
    once the guest is back. An error records a fault and ends the task; the
    server is started again whatever happened."""
    try:
        driver.stop_server(instance_id)
        if while_down is not None:
            while_down()
    except Exception as error:
        LOG.exception('%s of instance %s failed', task, instance_id)
        instances_api.record_fault(
            instance_id, 'The %s failed: %s' % (task.lower(), error))
        _start(driver, instance_id)
        instances_api.end_task(instance_id, task)
        return
    restarted_at = timeutils.utcnow()
    _start(driver, instance_id)
    if _wait_healthy(instance_id, restarted_at):
        if on_healthy is not None:
            on_healthy()
        instances_api.end_task(instance_id, task)
        LOG.info('%s of instance %s done.', task, instance_id)


def _start(driver, instance_id):
    try:
        driver.start_server(instance_id)
    except Exception:
        LOG.exception('Instance %s could not be started.', instance_id)


def _wait_healthy(instance_id, since):
    """True once a heartbeat newer than ``since`` says HEALTHY; False when
    the task's deadline passes first (the reaper then reports it)."""
    while True:
        instance = instances_api.get_instance(None, instance_id)
        service = instance.service_status
        if (service.status == ServiceStatus.HEALTHY
                and service.updated > since):
            return True
        deadline = instance.task_deadline
        if deadline is None or timeutils.utcnow() > deadline:
            return False
        time.sleep(POLL_SECONDS)
