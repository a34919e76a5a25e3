"""Instance bodies: the list entry and the detail (show, detail list)."""
from trove.api.v1.views import configurations
from trove.api.v1.views import isotime
from trove.api.v1.views import links
from trove.db.api import instances as instances_db
from trove.db.api import replicas as replicas_db
from trove.instance import operations

REGION = 'RegionOne'
_GB = 1024 ** 3


def _addresses(instance):
    """As the compute driver named them when it made the server."""
    found = instances_db.server_addresses(instance)
    if not found:
        return {}
    return {'ip': [entry['address'] for entry in found],
            'addresses': found}


def _volume(instance):
    """Trove's {size, used}: size as requested (GB), used (GB, two
    decimals) from the guest's newest heartbeat that measured it."""
    body = {'size': instance.volume_size}
    service = instance.service_status
    if service is not None and service.volume_used is not None:
        body['used'] = round(service.volume_used / _GB, 2)
    return body


def summary(view_context, instance):
    status, operating_status = operations.current_status(instance,
                                                         view_context.now)
    version = instance.datastore_version
    body = {
        'id': instance.id,
        'name': instance.name,
        'status': status,
        'operating_status': operating_status,
        'flavor': {
            'id': instance.flavor_id,
            'links': links.resource_links(view_context, 'flavors',
                                          instance.flavor_id),
        },
        'datastore': {'type': version.datastore.name,
                      'version': version.name,
                      'version_number': version.version or version.name},
        'volume': _volume(instance),
        'region': REGION,
        'links': links.resource_links(view_context, 'instances',
                                      instance.id),
    }
    body.update(_addresses(instance))
    if view_context.is_admin:
        body['tenant_id'] = instance.project_id
    return body


def _fault(view_context, fault):
    body = {'message': fault.message, 'created': isotime(fault.created)}
    if view_context.is_admin:
        body['details'] = fault.details
    return body


def detail(view_context, instance, fault=None):
    """``fault``: the latest InstanceFault, shown while the status is
    ERROR."""
    body = summary(view_context, instance)
    body['created'] = isotime(instance.created)
    body['updated'] = isotime(instance.updated)
    if fault is not None and body['status'] == 'ERROR':
        body['fault'] = _fault(view_context, fault)
    state = instance.configuration_state
    if state is not None and state.configuration is not None:
        body['configuration'] = configurations.attached(view_context,
                                                        state.configuration)
    body.update(_replication(view_context, instance))
    return body


def _replication(view_context, instance):
    def ref(instance_id):
        return {'id': instance_id, 'links': links.resource_links(
            view_context, 'instances', instance_id)}
    found = {}
    if getattr(instance, 'replica_of_id', None):
        found['replica_of'] = ref(instance.replica_of_id)
    replicas = replicas_db.replica_ids(instance.project_id, instance.id)
    if replicas:
        found['replicas'] = [ref(replica) for replica in replicas]
    return found
