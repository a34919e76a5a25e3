"""Stop an instance's server, change something while it is down, start it
again, and end the task once the guest reports a healthy engine.

Restart, flavor resize and volume resize are all this one workflow on the
local driver: the engine re-reads its flavor-sized config when it starts.
If this process dies midway, the reaper ends the task at its deadline.
"""
import time

from oslo_log import log as logging
from oslo_utils import timeutils

from trove.db.api import instance_configurations
from trove.db.api import instances as instances_api
from trove.instance.status import ServiceStatus

LOG = logging.getLogger(__name__)

POLL_SECONDS = 0.1


def run(driver, instance_id, task, while_down=None, on_healthy=None):
    """``while_down()`` runs with the server stopped; ``on_healthy()``
    once the guest is back. An error records a fault and ends the task; the
    server is started again whatever happened. True when it all went
    through."""
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
        return False
    restarted_at = timeutils.utcnow()
    _start(driver, instance_id)
    return _finish(instance_id, task, restarted_at, on_healthy)


def reboot(driver, instance_id, task):
    """The server's own reboot (driver.reboot_server), then as run()."""
    try:
        driver.reboot_server(instance_id)
    except Exception as error:
        LOG.exception('%s of instance %s failed', task, instance_id)
        instances_api.record_fault(
            instance_id, 'The reboot failed: %s' % error)
        _start(driver, instance_id)
        instances_api.end_task(instance_id, task)
        return False
    # The old guest is gone by now: only the new one can report HEALTHY.
    return _finish(instance_id, task, timeutils.utcnow(), None)


def _finish(instance_id, task, restarted_at, on_healthy):
    if not _wait_healthy(instance_id, restarted_at):
        return False  # the reaper ends the task at its deadline
    if on_healthy is not None:
        on_healthy()
    # The engine started again from its config files, overrides included.
    instance_configurations.clear_restart_required(instance_id)
    instances_api.end_task(instance_id, task)
    LOG.info('%s of instance %s done.', task, instance_id)
    return True


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
