"""Restart and resize: checks, the recorded intent, the cast.

Each action takes the instance with a conditional UPDATE of its task (so
of two racing requests one wins, the other gets a 422) and a deadline the
reaper enforces, before anything is sent to the taskmanager.
"""
import datetime

from oslo_utils import timeutils

from trove.common import exception
from trove.conf import CONF
from trove.db.api import flavors as flavors_db
from trove.db.api import instances as instances_db
from trove.instance import service
from trove.instance.status import Task
from trove.taskmanager import rpcapi

# A restart is how a user recovers a stopped or broken engine; resizes
# need a healthy one.
RESTARTABLE = ('ACTIVE', 'SHUTDOWN', 'ERROR')
RESIZABLE = ('ACTIVE',)


def _take(instance, task, timeout, allowed_statuses):
    status, _ = service.current_status(instance, timeutils.utcnow())
    deadline = timeutils.utcnow() + datetime.timedelta(seconds=timeout)
    if (status not in allowed_statuses
            or not instances_db.start_task(instance.id, task, deadline)):
        raise exception.InstanceNotActive(instance_id=instance.id,
                                          status=status)


def restart(context, project_id, instance_id):
    instance = instances_db.get_instance(project_id, instance_id)
    _take(instance, Task.REBOOTING, CONF.taskmanager.reboot_timeout,
          RESTARTABLE)
    rpcapi.TaskManagerAPI().restart_instance(context, instance.id)


def resize_flavor(context, project_id, instance_id, flavor_ref):
    instance = instances_db.get_instance(project_id, instance_id)
    flavor = flavors_db.get_flavor(service.flavor_id_from_ref(flavor_ref))
    if flavor.id == instance.flavor_id:
        raise exception.BadRequest(
            'The instance already has flavor %s.' % flavor.id)
    _take(instance, Task.RESIZING, CONF.taskmanager.resize_timeout,
          RESIZABLE)
    rpcapi.TaskManagerAPI().resize_flavor(context, instance.id, flavor.id)


def resize_volume(context, project_id, instance_id, new_size):
    instance = instances_db.get_instance(project_id, instance_id)
    if not isinstance(new_size, int) or isinstance(new_size, bool):
        raise exception.BadRequest('The volume size must be an integer.')
    if new_size <= (instance.volume_size or 0):
        raise exception.BadRequest(
            'A volume can only grow: the new size %s GB is not larger than '
            'the current %s GB.' % (new_size, instance.volume_size))
    service.check_volume_size(new_size)
    _take(instance, Task.RESIZING, CONF.taskmanager.resize_timeout,
          RESIZABLE)
    rpcapi.TaskManagerAPI().resize_volume(context, instance.id, new_size)


def reset_status(context, project_id, instance_id):
    """Admin: forget whatever task the instance is stuck in. It shows ERROR
    until its guest's next heartbeat says otherwise."""
    instance = instances_db.get_instance(project_id, instance_id)
    instances_db.reset_status(instance.id)


def rename(context, project_id, instance_id, name):
    instance = instances_db.get_instance(project_id, instance_id)
    instances_db.set_name(instance.id, name)
