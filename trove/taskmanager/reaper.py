"""Finds work whose deadline passed and ends it, so nothing stays stuck.

Each long operation recorded its task and a deadline in the DB before it
started; whatever process died meanwhile, this pass sees the deadline and
either fails the operation with a fault the user can read or re-drives it.
"""
import datetime

from oslo_log import log as logging
from oslo_utils import timeutils

from trove.compute.base import PowerState
from trove.conf import CONF
from trove.db.api import instances as instances_api
from trove.db.api import quota_reservations
from trove.instance.status import ServiceStatus
from trove.instance.status import Task
from trove.taskmanager.flows import backups as backup_flows
from trove.taskmanager.flows import create_instance
from trove.taskmanager.flows import delete_instance
from trove.taskmanager.flows import stop_instance
from trove.taskmanager import locks

LOG = logging.getLogger(__name__)


class Reaper(object):

    def __init__(self, driver):
        self.driver = driver

    def __call__(self):
        for instance in instances_api.list_expired_tasks(timeutils.utcnow()):
            with locks.instance_lock(instance.id):
                self._reap(instance)
        self._fail_builds_without_guest()
        backup_flows.reap(self.driver)

    def _fail_builds_without_guest(self):
        """A build whose guest is gone can never finish: fail it now rather
        than at its deadline."""
        for instance in instances_api.list_in_task(Task.BUILDING):
            if not instance.compute_id:
                continue  # the server is still being created
            with locks.instance_lock(instance.id):
                if self.driver.power_state(instance.id) != PowerState.SHUTDOWN:
                    continue
                LOG.warning('The guest of building instance %s is not '
                            'running.', instance.id)
                message = ('The guest agent stopped before the database '
                           'was ready.')
                cause = self._compute_fault(instance.id)
                if cause:
                    message += ' The compute service says: %s' % cause
                create_instance.fail(instance.id, message,
                                     driver=self.driver)

    def _compute_fault(self, instance_id):
        """What the compute driver says went wrong with the server (Nova's
        fault of an ERROR server), or None."""
        try:
            fault = self.driver.get_server_details(instance_id).get('fault')
        except Exception:
            LOG.exception('No details of the server of instance %s.',
                          instance_id)
            return None
        return fault if isinstance(fault, str) else None

    def _reap(self, instance):
        if instance.task_status == Task.BUILDING:
            LOG.warning('Build of instance %s timed out.', instance.id)
            create_instance.fail(
                instance.id,
                'The instance did not become ready within %d seconds; its '
                'guest never reported a running database.'
                % CONF.taskmanager.build_timeout, driver=self.driver)
        elif instance.task_status == Task.DELETING:
            LOG.warning('Re-driving the delete of instance %s.', instance.id)
            deadline = timeutils.utcnow() + datetime.timedelta(
                seconds=CONF.taskmanager.delete_timeout)
            instances_api.start_task(instance.id, Task.DELETING, deadline,
                                     allowed_tasks=(Task.DELETING,))
            delete_instance.run(self.driver, instance.id)
        elif instance.task_status == Task.BACKUP:
            backup_flows.fail_instance(instance.id, 'The backup did not '
                                                    'finish in time.')
        elif instance.task_status == Task.STOPPING:
            LOG.warning('Re-driving the stop of instance %s.', instance.id)
            stop_instance.run(self.driver, instance.id)
        else:
            self._reap_power_cycle(instance)

    def _reap_power_cycle(self, instance):
        """A restart or resize outlived its deadline, perhaps because the
        taskmanager died with the server stopped: make sure it runs, and
        report a fault unless the engine is healthy after all."""
        try:
            self.driver.start_server(instance.id)
        except Exception:
            LOG.exception('Instance %s could not be started.', instance.id)
        if instance.service_status.status != ServiceStatus.HEALTHY:
            LOG.warning('Task %s of instance %s timed out.',
                        instance.task_status, instance.id)
            instances_api.record_fault(
                instance.id, 'The %s operation did not finish in time.'
                % instance.task_status.lower())
        # What a resize set aside was not taken (its size was not stored).
        quota_reservations.release(instance.id)
        instances_api.end_task(instance.id, instance.task_status)
