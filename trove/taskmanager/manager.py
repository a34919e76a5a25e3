"""Server side of trove.taskmanager.rpcapi.TaskManagerAPI. Thin: each
method runs one workflow from flows/ under the instance's lock."""
from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_utils import timeutils

from trove.common import notification
from trove.compute import base as compute_base
from trove.db.api import flavors as flavors_api
from trove.db.api import instance_configurations as configurations_api
from trove.db.api import instances as instances_api
from trove.db.api import quota_reservations
from trove.instance.status import Task
from trove.taskmanager.flows import apply_configuration
from trove.taskmanager.flows import backups as backup_flows
from trove.taskmanager.flows import create_instance
from trove.taskmanager.flows import delete_instance
from trove.taskmanager.flows import power_cycle
from trove.taskmanager.flows import stop_instance
from trove.taskmanager import locks

LOG = logging.getLogger(__name__)


class TaskManager(object):

    RPC_API_VERSION = '1.4'
    target = messaging.Target(version=RPC_API_VERSION)

    def __init__(self, driver=None):
        self.driver = driver or compute_base.load_driver()

    def create_instance(self, context, instance_id, databases,
                        encrypted_users, backup_id=None):
        with locks.instance_lock(instance_id):
            create_instance.run(self.driver, context, instance_id, databases,
                                encrypted_users, backup_id=backup_id)

    def delete_instance(self, context, instance_id):
        with locks.instance_lock(instance_id):
            try:
                delete_instance.run(self.driver, instance_id, context)
            except Exception:
                # The task keeps its deadline: the reaper will try again.
                LOG.exception('Deleting instance %s failed; will retry.',
                              instance_id)

    def restart_instance(self, context, instance_id):
        with locks.instance_lock(instance_id):
            power_cycle.run(self.driver, instance_id, Task.REBOOTING)

    def resize_flavor(self, context, instance_id, flavor_id):
        with locks.instance_lock(instance_id):
            old = instances_api.get_instance(None, instance_id)
            old_flavor = flavors_api.get_flavor(old.flavor_id)
            flavor = flavors_api.get_flavor(flavor_id)

            def resize():
                self.driver.resize_server(
                    instance_id, {'id': flavor.id, 'ram': flavor.ram,
                                  'vcpus': flavor.vcpus,
                                  'disk': flavor.disk})
                # The server has it from now on, healthy engine or not.
                instances_api.set_flavor(instance_id, flavor_id)

            if power_cycle.run(self.driver, instance_id, Task.RESIZING,
                               while_down=resize):
                notification.notify(
                    context, 'modify_flavor',
                    instances_api.get_instance(None, instance_id), flavor,
                    old_instance_size=old_flavor.ram,
                    modify_at=notification.isotime(timeutils.utcnow()))

    def resize_volume(self, context, instance_id, new_size):
        with locks.instance_lock(instance_id):
            old_size = instances_api.get_instance(None,
                                                  instance_id).volume_size

            def resize():
                self.driver.resize_volume(instance_id, new_size)
                # The volume has grown: its size and usage are taken now.
                quota_reservations.commit_volume_size(instance_id, new_size)

            if power_cycle.run(self.driver, instance_id, Task.RESIZING,
                               while_down=resize):
                notification.notify(
                    context, 'modify_volume',
                    instances_api.get_instance(None, instance_id),
                    old_volume_size=old_size,
                    modify_at=notification.isotime(timeutils.utcnow()))
            else:
                # The extra GB were not taken: give them back now (the
                # reaper does it for a resize that timed out).
                quota_reservations.release(instance_id)

    def stop_instance(self, context, instance_id):
        with locks.instance_lock(instance_id):
            stop_instance.run(self.driver, instance_id)

    def reboot_instance(self, context, instance_id):
        with locks.instance_lock(instance_id):
            power_cycle.reboot(self.driver, instance_id, Task.REBOOTING)

    def create_backup(self, context, backup_id):
        backup_flows.create(context, backup_id)

    def delete_backup(self, context, backup_id):
        backup_flows.delete(backup_id)

    def apply_configuration(self, context, instance_id):
        with locks.instance_lock(instance_id):
            apply_configuration.run(context, instance_id)

    def update_configuration(self, context, configuration_id):
        for instance_id in configurations_api.list_using(configuration_id):
            with locks.instance_lock(instance_id):
                apply_configuration.run(context, instance_id)
