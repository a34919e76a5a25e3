"""Building an instance's server: image, flavor, security group, ports,
volume, server group, then the server itself, waited for until ACTIVE.

What a build made is removed again when a later step fails, so that a
failed create leaves nothing in Nova, Cinder or Neutron (the workflow
calls delete_server as well, which finds nothing then).
"""
from novaclient import exceptions as nova_exceptions
from oslo_log import log as logging

from trove.common import exception
from trove.compute.nova import cleanup
from trove.compute.nova import images
from trove.compute.nova import networks
from trove.compute.nova import servers
from trove.compute.nova import states
from trove.compute.nova import user_data
from trove.compute.nova import volumes
from trove.compute.nova import waiting
from trove.conf import CONF

LOG = logging.getLogger(__name__)


def _nova_flavor(clients, flavor):
    flavor_id = str(flavor.get('id') or '')
    if not flavor_id:
        raise exception.ComputeError(reason='the flavor has no id')
    try:
        return clients.flavors.get(flavor_id)
    except nova_exceptions.NotFound:
        raise exception.ComputeError(
            reason='Nova has no flavor %s (Trove\'s flavors must exist in '
                   'Nova with the same id)' % flavor_id)


def _server_group(clients, instance_id):
    policy = CONF.nova_compute.server_group_policy
    if not policy:
        return None
    name = networks.resource_name(instance_id)
    for group in clients.server_groups.list():
        if group.name == name:
            return group
    return clients.server_groups.create(name=name, policy=policy)


def _datastore(request, guest_config):
    if request is not None and request.datastore:
        return request.datastore
    return (guest_config or {}).get('guest_agent', {}).get(
        'datastore_manager')


def wait_until_active(clients, server, timeout=None):
    """The server once ACTIVE; a ComputeError with Nova's fault as soon as
    it goes ERROR (no valid host, a failed spawn) or disappears."""
    def poll():
        current = servers.refresh(clients.servers, server)
        if current is None:
            raise exception.ComputeError(
                reason='server %s disappeared while building' % server.id)
        status = (current.status or '').upper()
        if status == states.ERROR:
            raise exception.ComputeError(
                reason='server %s went ERROR: %s'
                % (server.id, states.fault_of(current)))
        return current if status == states.ACTIVE else None
    return waiting.wait_for(
        poll, 'server %s becoming ACTIVE' % server.id,
        CONF.nova_compute.boot_timeout if timeout is None else timeout)


def _boot(clients, instance_id, flavor, volume_size, guest_config,
          request):
    manager = (guest_config or {}).get('guest_agent', {}).get(
        'datastore_manager')
    datastore = _datastore(request, guest_config)
    image_id = images.choose(
        clients.image, request.image_id if request else None,
        request.image_tags if request else ())
    nova_flavor = _nova_flavor(clients, flavor)
    group = networks.ensure_security_group(
        clients.network, instance_id, networks.engine_port(manager),
        request.allowed_cidrs if request else ())
    # Ports of an earlier attempt that died before its server booted.
    networks.delete_ports(clients.network, instance_id)
    ports = networks.create_ports(clients.network, instance_id, group.id,
                                  request.nics if request else ())
    mappings = None
    if CONF.nova_compute.volume_support:
        volume = volumes.create(clients.volumes, instance_id, volume_size)
        mappings = [{'uuid': volume.id, 'source_type': 'volume',
                     'destination_type': 'volume', 'boot_index': -1,
                     'delete_on_termination': False}]
    hints = None
    server_group = _server_group(clients, instance_id)
    if server_group is not None:
        hints = {'group': server_group.id}
    metadata = {servers.INSTANCE_KEY: instance_id}
    if request is not None and request.project_id:
        metadata[servers.PROJECT_KEY] = request.project_id
    tags = [servers.TAG]
    if datastore:
        tags.append(servers.datastore_tag(datastore))
    server = clients.servers.create(
        networks.resource_name(instance_id), image_id, nova_flavor,
        meta=metadata, userdata=user_data.build(instance_id, guest_config),
        nics=[{'port-id': port.id} for port in ports] or 'none',
        availability_zone=CONF.nova_compute.availability_zone,
        block_device_mapping_v2=mappings, scheduler_hints=hints, tags=tags)
    LOG.info('Nova server %s of instance %s requested.', server.id,
             instance_id)
    return wait_until_active(clients, server)


def create(clients, instance_id, flavor, volume_size, guest_config,
           request=None):
    """The instance's ACTIVE server: the one a re-driven create made
    before, or a new one. Everything is removed again on failure."""
    existing = servers.find(clients.servers, instance_id)
    if existing is not None:
        return wait_until_active(clients, existing)
    try:
        return _boot(clients, instance_id, flavor, volume_size,
                     guest_config, request)
    except Exception:
        cleanup.best_effort(clients, instance_id)
        raise
