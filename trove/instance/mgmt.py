"""What admins do to any project's instance (the mgmt API): stop the
server and keep it stopped, reboot it, forget a stuck task."""
from trove.conf import CONF
from trove.db.api import instances as instances_db
from trove.db.api import quota_reservations
from trove.instance import actions
from trove.instance import operations
from trove.instance.status import Task
from trove.taskmanager import rpcapi

# An admin may stop an instance whatever its engine does, but not while
# another task owns the server.
STOPPABLE = ('ACTIVE', 'SHUTDOWN', 'ERROR')
STOPPABLE_TASKS = (Task.NONE, Task.STOPPED)


def status(instance, now):
    """Trove's mgmt status: a deleted instance is SHUTDOWN."""
    if instance.deleted:
        return 'SHUTDOWN'
    return operations.current_status(instance, now)[0]


def stop(context, instance_id):
    """Stop the server; it stays stopped (the watchdog leaves it alone)
    until a restart or reboot."""
    instance = instances_db.get_instance(None, instance_id)
    # A stop is half a reboot: it gets the reboot's time.
    actions.take(instance, Task.STOPPING, CONF.taskmanager.reboot_timeout,
                 STOPPABLE, STOPPABLE_TASKS)
    actions.cast_or_undo(
        lambda: rpcapi.TaskManagerAPI().stop_instance(context, instance.id),
        instance.id, Task.STOPPING)


def reboot(context, instance_id):
    """Reboot the server (and so the guest and its engine)."""
    instance = instances_db.get_instance(None, instance_id)
    actions.take(instance, Task.REBOOTING, CONF.taskmanager.reboot_timeout,
                 actions.RESTARTABLE, actions.RESTARTABLE_TASKS)
    actions.cast_or_undo(
        lambda: rpcapi.TaskManagerAPI().reboot_instance(context,
                                                        instance.id),
        instance.id, Task.REBOOTING)


def reset_task_status(context, instance_id):
    """Forget the instance's task, whatever it is (Trove's
    reset-task-status). A stopped instance is then started again by the
    watchdog; a reservation of an abandoned resize is given back by no
    one else, so it is given back here."""
    instance = instances_db.get_instance(None, instance_id)
    instances_db.start_task(instance.id, Task.NONE, None,
                            allowed_tasks=Task.ALL)
    quota_reservations.release(instance.id)
