"""Power on every live instance after a host or service restart, as a
hypervisor brings its VMs back."""
from oslo_log import log as logging

from trove.db.api import instances as instances_api
from trove.instance.status import Task
from trove.taskmanager import locks

LOG = logging.getLogger(__name__)


def run(driver):
    for instance in instances_api.list_instances(None):
        # Instances being deleted, or stopped by an admin, stay down.
        if not instance.compute_id or instance.task_status in (
                Task.DELETING, Task.STOPPING, Task.STOPPED):
            continue
        try:
            # Another taskmanager starting beside this one resumes too.
            with locks.instance_lock(instance.id):
                if driver.start_server(instance.id):
                    LOG.info('Instance %s powered on.', instance.id)
        except Exception:
            LOG.exception('Instance %s could not be powered on.',
                          instance.id)
