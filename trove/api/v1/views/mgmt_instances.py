"""Bodies of /mgmt/instances: the detail view of an instance plus what
admins need (Trove's mgmt fields): its project, its server, whether and
when it was deleted."""
from trove.api.v1.views import instances
from trove.api.v1.views import isotime
from trove.conf import CONF
from trove.db.api import instances as instances_db
from trove.instance import mgmt
from trove.instance import status
from trove.instance.status import ServiceStatus
from trove.instance.status import Task

_TASK_DESCRIPTIONS = {
    'NONE': 'No tasks for the instance.',
    'BUILDING': 'The instance is building.',
    'BUILDING_ERROR': 'The instance could not be built.',
    'DELETING': 'The instance is being deleted.',
    'REBOOTING': 'The instance is rebooting.',
    'RESIZING': 'The instance is being resized.',
    'STOPPING': 'The instance is being stopped.',
    'STOPPED': 'The instance was stopped by an administrator.',
}


def server_status(record, now):
    """The server's status as Nova names it, from the DB alone (listing
    loads no compute driver): SHUTOFF while an admin's stop holds, UNKNOWN
    while its guest is silent past the heartbeat expiry (the server may be
    down or cut off), else ACTIVE."""
    if record.task_status == Task.STOPPED:
        return 'SHUTOFF'
    service = record.service_status
    if service is None or service.updated is None:
        return 'ACTIVE'  # building: the guest has not spoken yet
    seconds = (now - service.updated).total_seconds()
    if status.effective_service_status(
            service.status, seconds,
            CONF.agent_heartbeat_expiry) == ServiceStatus.LOST:
        return 'UNKNOWN'
    return 'ACTIVE'


def _nova_addresses(record):
    """Nova's shape: {network: [{addr, version}]}."""
    found = {}
    for entry in instances_db.server_addresses(record) or ():
        address = entry['address']
        found.setdefault(entry.get('network') or 'default', []).append(
            {'addr': address, 'version': 6 if ':' in address else 4})
    return found


def _server(record, now, details):
    if not record.compute_id or record.deleted:
        return None
    server = {'id': record.compute_id,
              'name': record.name,
              'status': server_status(record, now),
              'tenant_id': record.project_id,
              'deleted': False,
              'deleted_at': None}
    if details:
        # The host facts the driver gave at create, from the DB.
        server.update(instances_db.server_host(record))
        server.update({'address': record.address,
                       'addresses': _nova_addresses(record)})
    return server


def instance(view_context, record, details=False, fault=None):
    """``details``: the server's host facts too (show only)."""
    # Links name the owner's project, not the admin's.
    view_context = view_context._replace(project_id=record.project_id)
    body = instances.detail(view_context, record, fault)
    mgmt_status = mgmt.status(record, view_context.now)
    service = record.service_status
    body.update({
        'status': mgmt_status,
        'tenant_id': record.project_id,
        'server_id': record.compute_id,
        'server': _server(record, view_context.now, details),
        'service_status': service.status if service is not None else None,
        'task_description': _TASK_DESCRIPTIONS.get(record.task_status,
                                                   record.task_status),
        'deleted': bool(record.deleted),
        'deleted_at': isotime(record.deleted_at),
    })
    return body
