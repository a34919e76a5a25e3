"""Removing everything an instance holds in the cloud, in the order the
cloud allows: the server (waited for until Nova has deleted it, which
detaches its volume and unbinds its ports), then the volume, the ports,
the security group and the server group. Each step finds what is left,
so that a delete re-driven after a crash, or of a half-built instance,
finishes the job; nothing already gone is an error.
"""
from novaclient import exceptions as nova_exceptions
from oslo_log import log as logging

from trove.compute.nova import networks
from trove.compute.nova import servers
from trove.compute.nova import states
from trove.compute.nova import volumes
from trove.compute.nova import waiting
from trove.conf import CONF

LOG = logging.getLogger(__name__)


def _delete_server(clients, instance_id):
    server = servers.find(clients.servers, instance_id)
    if server is None:
        return
    try:
        clients.servers.delete(server)
    except nova_exceptions.NotFound:
        return

    def gone():
        current = servers.refresh(clients.servers, server)
        return current is None or \
            (current.status or '').upper() in states.DELETED
    waiting.wait_for(
        gone, 'server %s of instance %s being deleted'
        % (server.id, instance_id),
        CONF.nova_compute.operation_timeout)


def _delete_server_group(clients, instance_id):
    if not CONF.nova_compute.server_group_policy:
        return
    name = networks.resource_name(instance_id)
    for group in clients.server_groups.list():
        if group.name == name:
            try:
                clients.server_groups.delete(group.id)
            except nova_exceptions.NotFound:
                pass


def delete(clients, instance_id):
    _delete_server(clients, instance_id)
    if CONF.nova_compute.volume_support:
        volumes.delete(clients.volumes, instance_id)
    networks.delete_all(clients.network, instance_id)
    _delete_server_group(clients, instance_id)
    LOG.info('Deleted the cloud resources of instance %s.', instance_id)


def best_effort(clients, instance_id):
    """After a failed build: remove what it made, and never hide the
    build's own error behind a cleanup error (the workflow's
    delete_server, or the orphan reaper, tries again)."""
    try:
        delete(clients, instance_id)
    except Exception:
        LOG.exception('Removing what the failed build of instance %s made '
                      'failed.', instance_id)
