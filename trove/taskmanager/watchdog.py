"""Keeps servers running and removes the ones nobody owns, as a
hypervisor restarts a crashed VM and a cloud reaps leaked ones."""
from oslo_log import log as logging

from trove.common import broker_accounts
from trove.common import exception
from trove.compute.base import PowerState
from trove.db.api import instances as instances_api
from trove.guestagent import rpcapi as guest_rpcapi
from trove.instance.status import Task
from trove.taskmanager.flows import resume_instances
from trove.taskmanager import locks

LOG = logging.getLogger(__name__)


class Watchdog(object):

    def __init__(self, driver):
        self.driver = driver

    def __call__(self):
        live = instances_api.list_instances(None)
        self._restart_dead_guests(live)
        resume_instances.reconnect_guests(live, self._still_idle)
        self._delete_orphans({instance.id for instance in live})

    def _restart_dead_guests(self, live):
        for instance in live:
            # Other tasks own the server's power state while they run.
            if instance.task_status != Task.NONE or not instance.compute_id:
                continue
            try:
                self._restart_if_down(instance.id)
            except Exception:
                # One server the cloud will not start (Nova busy with it,
                # say) must not keep the others down: next pass retries.
                LOG.exception('Restarting instance %s failed.', instance.id)

    def _restart_if_down(self, instance_id):
        with locks.instance_lock(instance_id):
            # A task (a stop, say) may have begun since the listing.
            if (not self._still_idle(instance_id) or
                    self.driver.power_state(instance_id)
                    != PowerState.SHUTDOWN):
                return
            LOG.warning('The guest of instance %s is down; restarting it.',
                        instance_id)
            instances_api.record_fault(
                instance_id, 'The guest agent of the instance stopped '
                'unexpectedly and was restarted.')
            self.driver.start_server(instance_id)

    @staticmethod
    def _still_idle(instance_id):
        try:
            current = instances_api.get_instance(None, instance_id)
        except exception.InstanceNotFound:
            return False
        return current.task_status == Task.NONE

    def _delete_orphans(self, live_ids):
        """Servers without a live instance: left by a delete or create that
        died midway. An instance row always exists before its server."""
        for server_id in self.driver.list_servers():
            if server_id in live_ids:
                continue
            with locks.instance_lock(server_id):
                if server_id in {i.id for i in
                                 instances_api.list_instances(None)}:
                    continue
                LOG.warning('Deleting orphaned server %s.', server_id)
                self.driver.delete_server(server_id)
                broker_accounts.remove_guest(
                    server_id, guest_rpcapi.topic(server_id))
