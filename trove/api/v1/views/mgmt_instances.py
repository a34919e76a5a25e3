"""Bodies of /mgmt/instances: the detail view of an instance plus what
admins need (Trove's mgmt fields): its project, its server, whether and
when it was deleted."""
from trove.api.v1.views import instances
from trove.api.v1.views import isotime
from trove.instance import mgmt

# The compute driver's power states as the server statuses Nova reports.
SERVER_STATUS = {'RUNNING': 'ACTIVE', 'SHUTDOWN': 'SHUTOFF',
                 'NOSTATE': 'DELETED'}

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


def _server(instance, power_state, details):
    if not instance.compute_id or instance.deleted:
        return None
    server = {'id': instance.compute_id,
              'name': instance.name,
              'status': SERVER_STATUS.get(power_state),
              'tenant_id': instance.project_id,
              'deleted': False,
              'deleted_at': None}
    if details is not None:
        server.update(details)
        server['status'] = SERVER_STATUS.get(details.get('power_state'))
        # Nova's shape: {network: [{addr, version}]}.
        server['addresses'] = ({instances.NETWORK_NAME: [
            {'addr': instance.address, 'version': 4}]}
            if instance.address else {})
    return server


def instance(view_context, record, power_state=None, details=None,
             fault=None):
    """``power_state``: the driver's, when known; ``details``: what the
    driver tells of the server (show only)."""
    # Links name the owner's project, not the admin's.
    view_context = view_context._replace(project_id=record.project_id)
    body = instances.detail(view_context, record, fault)
    status = mgmt.status(record, view_context.now)
    service = record.service_status
    body.update({
        'status': status,
        'tenant_id': record.project_id,
        'server_id': record.compute_id,
        'server': _server(record, power_state, details),
        'service_status': service.status if service is not None else None,
        'task_description': _TASK_DESCRIPTIONS.get(record.task_status,
                                                   record.task_status),
        'deleted': bool(record.deleted),
        'deleted_at': isotime(record.deleted_at),
    })
    return body
