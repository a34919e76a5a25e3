"""Power on every live instance after a host or service restart, as a
hypervisor brings its VMs back; and give back to their guests the way to
the conductor that a restarted broker forgot."""
from oslo_log import log as logging

from trove.common import broker_accounts
from trove.db.api import instances as instances_api
from trove.guestagent import rpcapi as guest_rpcapi
from trove.instance import keys
from trove.instance.status import Task
from trove.taskmanager import locks

LOG = logging.getLogger(__name__)


def reconnect_guests(instances, still_wanted=None):
    """Make again the bus accounts and bindings of guests the broker lost
    (one management API request when it lost none). ``still_wanted(id)``
    is asked under the instance's lock, so that a delete running
    meanwhile is not undone."""
    try:
        bound = broker_accounts.bound_guests()
    except Exception as error:
        LOG.warning('Could not list the guests\' bus bindings: %s', error)
        return
    if bound is None:
        return
    for instance in instances:
        if (instance.id in bound or not instance.compute_id
                or instance.task_status == Task.DELETING):
            continue
        with locks.instance_lock(instance.id):
            if still_wanted is not None and not still_wanted(instance.id):
                continue
            try:
                broker_accounts.ensure_guest(
                    instance.id, keys.decrypt_key(instance.encrypted_key),
                    guest_rpcapi.topic(instance.id))
                LOG.info('Instance %s: its bus account was made again.',
                         instance.id)
            except Exception as error:
                LOG.warning('Instance %s: its bus account could not be '
                            'made again: %s', instance.id, error)


def run(driver):
    instances = instances_api.list_instances(None)
    reconnect_guests(instances)
    for instance in instances:
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
