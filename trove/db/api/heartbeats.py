"""Guest heartbeats: the conductor's busiest path, and the tasks a
heartbeat ends (a build, a restart or a resize), so that no taskmanager
thread waits for a guest."""
import collections

from oslo_db import api as oslo_db_api
from oslo_utils import timeutils
import sqlalchemy as sa

from trove.db.api import instance_configurations
from trove.db import models
from trove.db import session as db_session
from trove.instance.status import ServiceStatus
from trove.instance.status import Task

_Instance = models.Instance

# Tasks that end once the guest is back up after the server was started
# again (task_restarted); the engine then read every config file.
POWER_CYCLE_TASKS = (Task.REBOOTING, Task.RESIZING)

HeartbeatOutcome = collections.namedtuple('HeartbeatOutcome',
                                          'stored ended_task')


# Conductors that share a MariaDB or PostgreSQL control DB write batches
# that overlap; rows are locked in instance order, so that two batches do
# not wait on each other, and a deadlock the server still finds (InnoDB's
# gap locks) is the batch written again: every write is conditional.
@oslo_db_api.wrap_db_retry(max_retries=10, retry_on_deadlock=True,
                           retry_interval=0.01, max_retry_interval=0.2)
def record_heartbeats(heartbeats):
    """Store each (instance_id, status, sent, end_build_as[, volume]), in
    one transaction, unless a newer heartbeat of the instance was stored
    already (messages can arrive out of order).

    A stored heartbeat with ``end_build_as`` (a task) moves a BUILDING
    instance to it; a HEALTHY one received after a restart or resize
    brought the server back ends that task. One query per batch finds the
    instances with such a task: most heartbeats end nothing. Returns a
    HeartbeatOutcome per heartbeat, ``ended_task`` the task it ended.
    ``volume`` ({'used': bytes, 'size': bytes}) rides in the same UPDATE:
    carrying it costs no query.
    """
    now = timeutils.utcnow()
    order = sorted(range(len(heartbeats)), key=lambda i: heartbeats[i][0])
    in_order = [heartbeats[i] for i in order]
    with db_session.transaction() as session:
        stored = [_store(session, heartbeat[0], heartbeat[1], heartbeat[2],
                         now, _volume_of(heartbeat))
                  for heartbeat in in_order]
        ending = _tasks_that_may_end(
            session, {heartbeat[0] for heartbeat, was_stored
                      in zip(in_order, stored) if was_stored})
        outcomes = [None] * len(heartbeats)
        for index, heartbeat, was_stored in zip(order, in_order, stored):
            instance_id, status, _, end_build_as = heartbeat[:4]
            ended = None
            if was_stored and instance_id in ending:
                ended = _end_task(session, instance_id, status,
                                  end_build_as, now, *ending[instance_id])
                if ended is not None:
                    del ending[instance_id]  # a task ends once
            outcomes[index] = HeartbeatOutcome(was_stored, ended)
        return outcomes


def _volume_of(heartbeat):
    return heartbeat[4] if len(heartbeat) > 4 else None


def _store(session, instance_id, status, sent, now, volume=None):
    values = dict(status=status, last_sent=sent, updated=now)
    if volume:
        values.update(volume_used=volume.get('used'),
                      volume_total=volume.get('size'))
    return session.execute(
        sa.update(models.ServiceStatus)
        .where(models.ServiceStatus.instance_id == instance_id,
               sa.or_(models.ServiceStatus.last_sent.is_(None),
                      models.ServiceStatus.last_sent < sent))
        .values(**values)).rowcount == 1


def _tasks_that_may_end(session, instance_ids):
    """{instance_id: (task, task_restarted)} of those building or back
    up after a power cycle."""
    if not instance_ids:
        return {}
    rows = session.execute(
        sa.select(_Instance.id, _Instance.task_status,
                  _Instance.task_restarted)
        .where(_Instance.id.in_(instance_ids),
               _Instance.deleted.is_(False),
               sa.or_(_Instance.task_status == Task.BUILDING,
                      sa.and_(_Instance.task_status.in_(POWER_CYCLE_TASKS),
                              _Instance.task_restarted.is_not(None)))))
    return {instance_id: (task, restarted)
            for instance_id, task, restarted in rows}


def _end_task(session, instance_id, status, end_build_as, now, task,
              restarted):
    if task == Task.BUILDING:
        if end_build_as is None:
            return None
        new_task = end_build_as
    elif status == ServiceStatus.HEALTHY and restarted <= now:
        new_task = Task.NONE
    else:
        return None
    # Conditional on what was read: a delete taken meanwhile stays.
    changed = session.execute(
        sa.update(_Instance)
        .where(_Instance.id == instance_id, _Instance.task_status == task,
               _Instance.deleted.is_(False))
        .values(task_status=new_task, task_deadline=None,
                task_restarted=None, updated=now)).rowcount
    if not changed:
        return None
    if task in POWER_CYCLE_TASKS:
        instance_configurations.clear_restart_required(instance_id, session)
    return task
