"""Server side of trove.taskmanager.rpcapi.TaskManagerAPI. Thin: each
method runs one workflow from flows/ under the instance's lock."""
import oslo_messaging as messaging
from oslo_log import log as logging

from trove.compute import base as compute_base
from trove.taskmanager import locks
from trove.taskmanager.flows import create_instance
from trove.taskmanager.flows import delete_instance

LOG = logging.getLogger(__name__)


class TaskManager(object):

    RPC_API_VERSION = '1.0'
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

