"""Stop an instance's server, change something while it is down, and start
it again; the task ends when the guest reports a healthy engine.

Restart, flavor resize and volume resize are all this one workflow on the
local driver: the engine re-reads its flavor-sized config when it starts.
Nothing here waits for the guest: the server's restart is recorded
(task_restarted) and the conductor ends the task on the first HEALTHY
heartbeat received after it, so no RPC worker thread holds the instance's
lock while the engine starts. If the guest never comes back, or this
process dies midway, the reaper ends the task at its deadline.
"""
from oslo_log import log as logging

from trove.db.api import instances as instances_api

LOG = logging.getLogger(__name__)


def run(driver, instance_id, task, while_down=None):
    """``while_down()`` runs with the server stopped and records what it
    changed. An error records a fault and ends the task; the server is
    started again whatever happened. True when the change went through."""
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
    # Before the start: the new guest's first HEALTHY must end the task.
    instances_api.mark_restarted(instance_id, task)
    _start(driver, instance_id)
    LOG.info('%s of instance %s: server started again.', task, instance_id)
    return True


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
    # After it: until reboot_server returns, the old guest may still
    # speak; only the new one can report HEALTHY from now on.
    instances_api.mark_restarted(instance_id, task)
    return True


def _start(driver, instance_id):
    try:
        driver.start_server(instance_id)
    except Exception:
        LOG.exception('Instance %s could not be started.', instance_id)
