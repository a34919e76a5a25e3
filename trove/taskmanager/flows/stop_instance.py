"""Stop an instance's server and keep it stopped (mgmt stop).

The task goes STOPPING -> STOPPED only once the server is down; STOPPED
has no deadline and is no task the watchdog or the reaper acts on, so the
server stays down until a restart or reboot takes the instance.
"""
from oslo_log import log as logging

from trove.db.api import instances as instances_api
from trove.instance.status import Task

LOG = logging.getLogger(__name__)


def run(driver, instance_id):
    try:
        driver.stop_server(instance_id)
    except Exception as error:
        LOG.exception('Stopping instance %s failed', instance_id)
        instances_api.record_fault(
            instance_id, 'Stopping the instance failed: %s' % error)
        # Back to no task: the watchdog makes sure the server runs again.
        instances_api.end_task(instance_id, Task.STOPPING)
        return False
    instances_api.end_task(instance_id, Task.STOPPING, Task.STOPPED)
    LOG.info('Instance %s stopped.', instance_id)
    return True
