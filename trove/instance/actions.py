"""Restart and resize: checks, the recorded intent, the cast.

Each action takes the instance with a conditional UPDATE of its task (so
of two racing requests one wins, the other gets a 422) and a deadline the
reaper enforces, before anything is sent to the taskmanager.
"""
import datetime

from oslo_utils import excutils
from oslo_utils import timeutils

from trove.common import exception
from trove.conf import CONF
from trove.db.api import flavors as flavors_db
from trove.db.api import instances as instances_db
from trove.db.api import quota_reservations
from trove.instance import operations
from trove.instance.status import Task
from trove.taskmanager import rpcapi

# A restart is how a user recovers a stopped or broken engine; resizes
# need a healthy one.
RESTARTABLE = ('ACTIVE', 'RESTART_REQUIRED', 'SHUTDOWN', 'ERROR')
RESIZABLE = ('ACTIVE', 'RESTART_REQUIRED')
# A restart also brings back an instance an admin stopped.
RESTARTABLE_TASKS = (Task.NONE, Task.STOPPED)


def take(instance, task, timeout, allowed_statuses,
         allowed_tasks=(Task.NONE,)):
    """Record ``task`` and its deadline if the instance may start it, else
    422 naming its status."""
    status, _ = operations.current_status(instance, timeutils.utcnow())
    deadline = timeutils.utcnow() + datetime.timedelta(seconds=timeout)
    if (status not in allowed_statuses
            or not instances_db.start_task(instance.id, task, deadline,
                                           allowed_tasks=allowed_tasks)):
        raise exception.InstanceNotActive(instance_id=instance.id,
                                          status=status)


def cast_or_undo(cast, instance_id, task, undo=None):
    """Cast; if that fails, end the task (and ``undo()``) so that nothing
    waits for the reaper, and re-raise."""
    try:
        cast()
    except Exception:
        with excutils.save_and_reraise_exception():
            if undo is not None:
                undo()
            instances_db.end_task(instance_id, task)


def restart(context, project_id, instance_id):
    instance = instances_db.get_instance(project_id, instance_id)
    take(instance, Task.REBOOTING, CONF.taskmanager.reboot_timeout,
         RESTARTABLE, RESTARTABLE_TASKS)
    rpcapi.TaskManagerAPI().restart_instance(context, instance.id)


def resize_flavor(context, project_id, instance_id, flavor_ref):
    instance = instances_db.get_instance(project_id, instance_id)
    flavor = flavors_db.get_flavor(operations.flavor_id_from_ref(flavor_ref))
    if flavor.id == instance.flavor_id:
        raise exception.BadRequest(
            'The instance already has flavor %s.' % flavor.id)
    take(instance, Task.RESIZING, CONF.taskmanager.resize_timeout,
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
    operations.check_volume_size(new_size)
    take(instance, Task.RESIZING, CONF.taskmanager.resize_timeout,
         RESIZABLE)
    # The extra GB are set aside until the taskmanager commits them with
    # the new size, or whoever ends the resize (it, or the reaper) gives
    # them back.
    try:
        quota_reservations.reserve(
            instance.id, instance.project_id,
            {'volumes': new_size - (instance.volume_size or 0)})
    except exception.QuotaExceeded:
        with excutils.save_and_reraise_exception():
            instances_db.end_task(instance.id, Task.RESIZING)
    cast_or_undo(
        lambda: rpcapi.TaskManagerAPI().resize_volume(context, instance.id,
                                                      new_size),
        instance.id, Task.RESIZING,
        undo=lambda: quota_reservations.release(instance.id))


def reset_status(context, project_id, instance_id):
    """Admin: forget whatever task the instance is stuck in. It shows ERROR
    until its guest's next heartbeat says otherwise."""
    instance = instances_db.get_instance(project_id, instance_id)
    instances_db.reset_status(instance.id)


def rename(context, project_id, instance_id, name):
    instance = instances_db.get_instance(project_id, instance_id)
    instances_db.set_name(instance.id, name)
