"""The nova compute driver: an instance is a Nova server in Trove's
service project (see the package's docstring and build.py).

Every operation waits for Nova (or Cinder) with a deadline
([nova_compute] boot_timeout, operation_timeout) and turns the cloud's
refusals into a ComputeError naming the cause.
"""
import threading

from oslo_log import log as logging

from trove.common import exception
from trove.compute import base
from trove.compute import capabilities
from trove.compute.nova import build
from trove.compute.nova import cleanup
from trove.compute.nova import clients as cloud_clients
from trove.compute.nova import errors
from trove.compute.nova import servers
from trove.compute.nova import states
from trove.compute.nova import volumes
from trove.compute.nova import waiting
from trove.conf import CONF

LOG = logging.getLogger(__name__)
_compute_errors = errors.compute_errors


def _settled(server):
    """No Nova task runs on the server (a reboot, a resize...)."""
    return getattr(server, 'OS-EXT-STS:task_state', None) is None


def _has_flavor(server, nova_flavor):
    # Since compute API 2.47 a server shows its flavor's name, not its id.
    current = getattr(server, 'flavor', None) or {}
    return nova_flavor.name == current.get('original_name') or \
        nova_flavor.id == current.get('id')


class NovaComputeDriver(base.ComputeDriver):

    honoured_options = frozenset({capabilities.ACCESS, capabilities.NICS})

    def __init__(self, clients=None):
        self._clients = clients
        self._lock = threading.Lock()
        self._management_names = None

    @property
    def clients(self):
        with self._lock:
            if self._clients is None:
                self._clients = cloud_clients.Clients()
            return self._clients

    def _management_network_names(self):
        # Nova names networks in a server's addresses; the config has ids.
        if self._management_names is None:
            names = set()
            for network_id in CONF.nova_compute.management_networks:
                network = self.clients.network.find_network(
                    network_id, ignore_missing=True)
                names.add(network.name if network is not None
                          else network_id)
            self._management_names = names
        return self._management_names

    def _server_record(self, server, instance_id):
        found = servers.addresses(server, self._management_network_names())
        volume = (volumes.find(self.clients.volumes, instance_id)
                  if CONF.nova_compute.volume_support else None)
        return base.Server(
            compute_id=server.id, address=servers.main_address(found),
            addresses=found,
            host=servers.host_facts(server, volume.id if volume else None))

    def _existing(self, instance_id):
        server = servers.find(self.clients.servers, instance_id)
        if server is None:
            raise exception.ComputeError(
                reason='instance %s has no server in Nova' % instance_id)
        return server

    def _wait(self, server, done, what):
        def poll():
            current = servers.refresh(self.clients.servers, server)
            if current is None:
                raise exception.ComputeError(
                    reason='server %s disappeared (%s)' % (server.id, what))
            status = (current.status or '').upper()
            if status == states.ERROR:
                raise exception.ComputeError(
                    reason='server %s went ERROR (%s): %s'
                    % (server.id, what, states.fault_of(current)))
            return current if done(status, current) else None
        return waiting.wait_for(poll, what,
                                CONF.nova_compute.operation_timeout)

    @_compute_errors
    def create_server(self, instance_id, flavor, volume_size, guest_config,
                      request=None):
        server = build.create(self.clients, instance_id, flavor,
                              volume_size, guest_config, request)
        return self._server_record(server, instance_id)

    @_compute_errors
    def delete_server(self, instance_id):
        cleanup.delete(self.clients, instance_id)

    @_compute_errors
    def stop_server(self, instance_id):
        server = self._existing(instance_id)
        status = (server.status or '').upper()
        if status in (states.SHUTOFF, states.ERROR):
            return  # nothing runs in it
        self.clients.servers.stop(server)
        self._wait(server, lambda status, s: status == states.SHUTOFF
                   and _settled(s), 'stopping server %s' % server.id)

    @_compute_errors
    def start_server(self, instance_id):
        server = self._existing(instance_id)
        status = (server.status or '').upper()
        if status == states.ACTIVE:
            return False
        if status == states.ERROR:
            # Nova starts no ERROR server; a hard reboot rebuilds its
            # guest from its disk, as a crashed VM is restarted.
            LOG.warning('Server %s of instance %s is ERROR (%s); hard '
                        'rebooting it.', server.id, instance_id,
                        states.fault_of(server))
            self.clients.servers.reboot(server, reboot_type='HARD')
        else:
            self.clients.servers.start(server)
        self._wait(server, lambda status, s: status == states.ACTIVE
                   and _settled(s), 'starting server %s' % server.id)
        return True

    @_compute_errors
    def reboot_server(self, instance_id):
        server = self._existing(instance_id)
        if (server.status or '').upper() != states.ACTIVE:
            self.start_server(instance_id)
            return
        self.clients.servers.reboot(server, reboot_type='SOFT')
        # The reboot shows as a task first: wait for it to end.
        self._wait(server, lambda status, s: status == states.ACTIVE
                   and _settled(s), 'rebooting server %s' % server.id)

    @_compute_errors
    def resize_server(self, instance_id, flavor):
        server = self._existing(instance_id)
        nova_flavor = build._nova_flavor(self.clients, flavor)
        if _has_flavor(server, nova_flavor):
            return  # a re-driven resize that went through
        self.clients.servers.resize(server, nova_flavor)

        def resized(status, current):
            if status == states.VERIFY_RESIZE:
                return True
            if status in (states.ACTIVE, states.SHUTOFF) and \
                    _settled(current):
                # The resize task is over without a resize to confirm: the
                # scheduler found no host, or the move failed, and Nova
                # put the server back as it was (not in ERROR).
                raise exception.ComputeError(
                    reason='Nova did not resize server %s to flavor %s: it '
                           'is %s again with its old flavor (the server\'s '
                           'instance actions in Nova tell why)'
                           % (server.id, nova_flavor.id, status))
            return False
        resized = self._wait(server, resized, 'resizing server %s to '
                             'flavor %s' % (server.id, nova_flavor.id))
        try:
            self.clients.servers.confirm_resize(resized)
            self._wait(server, lambda status, s: status in (
                states.ACTIVE, states.SHUTOFF) and _settled(s),
                'confirming the resize of server %s' % server.id)
        except Exception:
            LOG.exception('Confirming the resize of server %s failed; '
                          'reverting it.', server.id)
            self._revert(resized)
            raise

    def _revert(self, server):
        try:
            self.clients.servers.revert_resize(server)
        except Exception:
            LOG.exception('Reverting the resize of server %s failed.',
                          server.id)

    @_compute_errors
    def resize_volume(self, instance_id, new_size):
        if not CONF.nova_compute.volume_support:
            raise exception.ComputeError(
                reason='instance %s has no Cinder volume ([nova_compute] '
                       'volume_support is off): its data is on the '
                       'flavor\'s disk' % instance_id)
        volumes.extend(self.clients.volumes, instance_id, new_size)

    @_compute_errors
    def get_address(self, instance_id):
        server = servers.find(self.clients.servers, instance_id)
        if server is None:
            return None
        return servers.main_address(servers.addresses(
            server, self._management_network_names()))

    @_compute_errors
    def power_state(self, instance_id):
        return states.power_state(
            servers.find(self.clients.servers, instance_id))

    @_compute_errors
    def get_server_details(self, instance_id):
        server = servers.find(self.clients.servers, instance_id)
        if server is None:
            return {'host': None, 'power_state': base.PowerState.NOSTATE}
        record = self._server_record(server, instance_id)
        details = dict(record.host)
        details.update({
            'host': details.get('host'),
            'power_state': states.power_state(server),
            'status': server.status,
            'addresses': record.addresses})
        if (server.status or '').upper() == states.ERROR:
            details['fault'] = states.fault_of(server)
        return details

    def list_servers(self):
        try:
            return servers.list_instance_ids(self.clients.servers)
        except errors.CLOUD_ERRORS as error:
            raise exception.ComputeError(
                reason='listing the servers failed: %s'
                % errors.describe(error))
