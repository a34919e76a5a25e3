"""Instances, their faults and their guests' reported status."""
import json

from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa

from trove.common import exception
from trove.db.api import heartbeats
from trove.db.api import quota_reservations
from trove.db.api import quotas
from trove.db import models
from trove.db import session as db_session
from trove.instance.status import ServiceStatus
from trove.instance.status import Task


def create_instance(project_id, name, flavor_id, volume_size,
                    datastore_version_id, encrypted_key, deadline,
                    network_request=None):
    """Record the instance, the intent to build it and its quota usage, in
    one transaction (QuotaExceeded, and nothing recorded, if over quota).
    ``network_request``: {'nics': [...], 'allowed_cidrs': [...]} or None."""
    quotas.ensure_usage_rows(project_id)
    with db_session.transaction() as session:
        quotas.add_usage(session, project_id,
                         {'instances': 1, 'volumes': volume_size or 0})
        instance = models.Instance(
            id=uuidutils.generate_uuid(), name=name, project_id=project_id,
            flavor_id=flavor_id, volume_size=volume_size,
            datastore_version_id=datastore_version_id,
            encrypted_key=encrypted_key, task_status=Task.BUILDING,
            task_deadline=deadline,
            network_request=(json.dumps(network_request)
                             if network_request else None))
        session.add(instance)
        session.add(models.ServiceStatus(instance_id=instance.id,
                                         status=ServiceStatus.NEW))
        session.flush()
        return _load(session, instance.id)


def get_encrypted_key(instance_id):
    """The instance's RPC key as stored (deleted instances too), without
    loading the instance: the conductor asks it of every new sender."""
    with db_session.reader() as session:
        found = session.scalar(sa.select(models.Instance.encrypted_key)
                               .where(models.Instance.id == instance_id))
    if found is None:
        raise exception.InstanceNotFound(uuid=instance_id)
    return found


def _query(project_id, include_deleted=False):
    query = sa.select(models.Instance)
    if project_id is not None:
        query = query.where(models.Instance.project_id == project_id)
    if not include_deleted:
        query = query.where(models.Instance.deleted.is_(False))
    return query


def _load(session, instance_id):
    return session.scalars(sa.select(models.Instance).where(
        models.Instance.id == instance_id)).unique().first()


def get_instance(project_id, instance_id, include_deleted=False):
    """``project_id`` None means any project: only for the control plane."""
    with db_session.reader() as session:
        found = session.scalars(_query(project_id, include_deleted).where(
            models.Instance.id == instance_id)).unique().first()
        if found is not None:
            found.faults  # load while the session is open
    if found is None:
        raise exception.InstanceNotFound(uuid=instance_id)
    return found


def list_instances(project_id, limit=None, marker=None,
                   include_deleted=False):
    """Oldest first; ``marker`` is the id of the last item of the previous
    page."""
    query = _query(project_id, include_deleted).order_by(
        models.Instance.created, models.Instance.id)
    with db_session.reader() as session:
        if marker:
            last = session.get(models.Instance, marker)
            if last is None or (project_id is not None
                                and last.project_id != project_id):
                raise exception.BadRequest(reason='invalid marker %s' % marker)
            query = query.where(sa.or_(
                models.Instance.created > last.created,
                sa.and_(models.Instance.created == last.created,
                        models.Instance.id > last.id)))
        if limit:
            query = query.limit(limit)
        return session.scalars(query).unique().all()


def start_task(instance_id, new_task, deadline, allowed_tasks=(Task.NONE,)):
    """Take the instance for ``new_task`` if its task is one of
    ``allowed_tasks``: a conditional UPDATE, so of two racing requests
    exactly one wins. Returns True when taken."""
    with db_session.transaction() as session:
        return _change_task(session, instance_id, new_task, deadline,
                            allowed_tasks)


def _change_task(session, instance_id, new_task, deadline, allowed_tasks):
    result = session.execute(
        sa.update(models.Instance)
        .where(models.Instance.id == instance_id,
               models.Instance.deleted.is_(False),
               models.Instance.task_status.in_(allowed_tasks))
        .values(task_status=new_task, task_deadline=deadline,
                task_restarted=None, updated=timeutils.utcnow()))
    return result.rowcount == 1


def end_task(instance_id, task, new_task=Task.NONE):
    """Leave ``task`` (only if the instance is still in it)."""
    return start_task(instance_id, new_task, None, allowed_tasks=(task,))


def fail_task(instance_id, task, failed_task, message, details=None):
    """Leave ``task`` for ``failed_task`` (only if the instance is still
    in it) with its fault, in one transaction: nobody sees the instance
    failed without the reason."""
    with db_session.transaction() as session:
        changed = _change_task(session, instance_id, failed_task, None,
                               (task,))
        if changed:
            session.add(models.InstanceFault(instance_id=instance_id,
                                             message=message[:1024],
                                             details=details))
        return changed


def set_server(instance_id, compute_id, address, addresses=None,
               host=None):
    """Record the server create_server made: ``addresses`` and ``host`` as
    compute.base.Server has them (stored as JSON)."""
    with db_session.transaction() as session:
        session.execute(sa.update(models.Instance)
                        .where(models.Instance.id == instance_id)
                        .values(compute_id=compute_id, address=address,
                                addresses=_json(addresses),
                                server_details=_json(host)))


def clear_server(instance_id):
    """Forget the server (a failed create removed it): no address is
    shown for an instance that has none."""
    set_server(instance_id, None, None)


def _json(value):
    return json.dumps(value) if value else None


def _loads(text):
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None  # an unreadable row shows as one recorded before


def server_addresses(instance):
    """[{address, type, network}] of the instance's server, as its driver
    named them; None if they were not recorded (an older row)."""
    return _loads(instance.addresses)


def network_request(instance):
    """What the create asked of the server's networking: {'nics',
    'allowed_cidrs'}, both lists (empty when nothing was asked)."""
    found = _loads(instance.network_request) or {}
    return {'nics': list(found.get('nics') or ()),
            'allowed_cidrs': list(found.get('allowed_cidrs') or ())}


def server_host(instance):
    """The host facts recorded at create ({} if none)."""
    return _loads(instance.server_details) or {}


def set_name(instance_id, name):
    _set(instance_id, name=name)


def reset_status(instance_id):
    """No task, and an engine state of FAILED until the next heartbeat
    (whose newer ``sent`` replaces it)."""
    with db_session.transaction() as session:
        session.execute(sa.update(models.Instance)
                        .where(models.Instance.id == instance_id)
                        .values(task_status=Task.NONE, task_deadline=None,
                                updated=timeutils.utcnow()))
        session.execute(sa.update(models.ServiceStatus)
                        .where(models.ServiceStatus.instance_id ==
                               instance_id)
                        .values(status=ServiceStatus.FAILED,
                                updated=timeutils.utcnow()))


def set_flavor(instance_id, flavor_id):
    _set(instance_id, flavor_id=flavor_id)


def _set(instance_id, **values):
    with db_session.transaction() as session:
        session.execute(sa.update(models.Instance)
                        .where(models.Instance.id == instance_id)
                        .values(**values))


def mark_deleted(instance_id):
    """Delete the record and give its quota back, once: True if this call
    did it."""
    with db_session.transaction() as session:
        if not session.execute(
                sa.update(models.Instance)
                .where(models.Instance.id == instance_id,
                       models.Instance.deleted.is_(False))
                .values(deleted=True, deleted_at=timeutils.utcnow(),
                        task_status=Task.NONE, task_deadline=None,
                        task_restarted=None)).rowcount:
            return False
        quota_reservations.release_instance(session, instance_id)
        return True


def record_fault(instance_id, message, details=None):
    with db_session.transaction() as session:
        session.add(models.InstanceFault(instance_id=instance_id,
                                         message=message[:1024],
                                         details=details))


def update_service_status(instance_id, status, sent):
    """Store a heartbeat unless a newer one was already stored (messages
    can arrive out of order). Returns True when stored."""
    return heartbeats.record_heartbeats(
        [(instance_id, status, sent, None)])[0].stored


def mark_restarted(instance_id, task):
    """The server of a restart or resize is being started again: the
    first HEALTHY heartbeat received after now ends ``task``
    (heartbeats.record_heartbeats). False if the instance left it."""
    with db_session.transaction() as session:
        return session.execute(
            sa.update(models.Instance)
            .where(models.Instance.id == instance_id,
                   models.Instance.deleted.is_(False),
                   models.Instance.task_status == task)
            .values(task_restarted=timeutils.utcnow())).rowcount == 1


def list_expired_tasks(now):
    """Instances whose current task has outlived its deadline."""
    with db_session.reader() as session:
        return session.scalars(_query(None).where(
            models.Instance.task_status != Task.NONE,
            models.Instance.task_deadline.is_not(None),
            models.Instance.task_deadline < now)).unique().all()


def list_in_task(task):
    with db_session.reader() as session:
        return session.scalars(_query(None).where(
            models.Instance.task_status == task)).unique().all()
