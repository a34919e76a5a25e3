"""Server side of trove.taskmanager.rpcapi.TaskManagerAPI. Thin: each
method runs one workflow from flows/ under the instance's lock."""
import oslo_messaging as messaging
from oslo_log import log as logging

from trove.compute import base as compute_base
from trove.db.api import flavors as flavors_api
from trove.db.api import instances as instances_api
from trove.instance.status import Task
from trove.taskmanager import locks
from trove.taskmanager.flows import create_instance
from trove.taskmanager.flows import delete_instance
from trove.taskmanager.flows import power_cycle

LOG = logging.getLogger(__name__)


class TaskManager(object):

    RPC_API_VERSION = '1.1'
    target = messaging.Target(version=RPC_API_VERSION)

    def __init__(self, driver=None):
        self.driver = driver or compute_base.load_driver()

    def create_instance(self, context, instance_id, databases,
                        encrypted_users):
        with locks.instance_lock(instance_id):
            create_instance.run(self.driver, context, instance_id, databases,
                                encrypted_users)

    def delete_instance(self, context, instance_id):
        with locks.instance_lock(instance_id):
            try:
                delete_instance.run(self.driver, instance_id)
            except Exception:
                # The task keeps its deadline: the reaper will try again.
                LOG.exception('Deleting instance %s failed; will retry.',
                              instance_id)


    def restart_instance(self, context, instance_id):
        with locks.instance_lock(instance_id):
            power_cycle.run(self.driver, instance_id, Task.REBOOTING)

    def resize_flavor(self, context, instance_id, flavor_id):
        with locks.instance_lock(instance_id):
            flavor = flavors_api.get_flavor(flavor_id)
            power_cycle.run(
                self.driver, instance_id, Task.RESIZING,
                while_down=lambda: self.driver.resize_server(
                    instance_id, {'ram': flavor.ram, 'vcpus': flavor.vcpus,
                                  'disk': flavor.disk}),
                on_healthy=lambda: instances_api.set_flavor(instance_id,
                                                            flavor_id))

    def resize_volume(self, context, instance_id, new_size):
        with locks.instance_lock(instance_id):
            power_cycle.run(
                self.driver, instance_id, Task.RESIZING,
                while_down=lambda: self.driver.resize_volume(instance_id,
                                                             new_size),
                on_healthy=lambda: instances_api.set_volume_size(instance_id,
                                                                 new_size))
