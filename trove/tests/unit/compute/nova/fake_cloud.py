"""A cloud in memory for the nova driver's unit tests.

Each API is an autospec of the real client class (novaclient's managers,
cinderclient's, openstacksdk's proxies), so that a call the real client
does not take fails the test; behind them, dictionaries of servers,
images, ports... that the calls change the way the cloud would. A test
sets what the cloud does next (``boot_status``, ``boot_fault``) and then
checks the records a user or operator would look at.
"""
import itertools
import types
from unittest import mock

from cinderclient.v3 import volumes as cinder_volumes
from novaclient import exceptions as nova_exceptions
from novaclient.v2 import flavors as nova_flavors
from novaclient.v2 import server_groups as nova_server_groups
from novaclient.v2 import servers as nova_servers
from openstack.image.v2 import _proxy as image_proxy
from openstack.network.v2 import _proxy as network_proxy

MANAGEMENT_NET = 'net-mgmt'
USER_NET = 'net-user'


def _record(**fields):
    return types.SimpleNamespace(**fields)


class FakeCloud(object):

    def __init__(self):
        self._ids = itertools.count(1)
        self.servers_by_id = {}
        self.server_requests = []
        self.flavors_by_id = {'2': _record(id='2', name='db.small')}
        self.images_by_id = {}
        self.networks = {MANAGEMENT_NET: _record(id=MANAGEMENT_NET,
                                                 name='trove-mgmt'),
                         USER_NET: _record(id=USER_NET, name='user-net')}
        self.ports = {}
        self.security_groups = {}
        self.rules = []
        self.volumes_by_id = {}
        self.server_groups_by_id = {}
        # What a new server becomes after its first poll.
        self.boot_status = 'ACTIVE'
        self.boot_fault = None
        self.create_error = None
        self._wire()

    def new_id(self, kind):
        return '%s-%d' % (kind, next(self._ids))

    def add_image(self, image_id, tags, created_at, status='active'):
        self.images_by_id[image_id] = _record(
            id=image_id, tags=list(tags), created_at=created_at,
            status=status)

    # --- the autospecced APIs ------------------------------------------

    def _wire(self):
        self.servers = mock.create_autospec(nova_servers.ServerManager,
                                            instance=True)
        self.servers.create.side_effect = self._create_server
        self.servers.get.side_effect = self._get_server
        self.servers.list.side_effect = self._list_servers
        self.servers.delete.side_effect = self._delete_server
        self.servers.stop.side_effect = self._set_status('SHUTOFF')
        self.servers.start.side_effect = self._set_status('ACTIVE')
        self.servers.reboot.side_effect = self._reboot
        self.servers.resize.side_effect = self._resize
        self.servers.confirm_resize.side_effect = self._confirm_resize
        self.servers.revert_resize.side_effect = self._revert_resize

        self.flavors = mock.create_autospec(nova_flavors.FlavorManager,
                                            instance=True)
        self.flavors.get.side_effect = self._get_flavor

        self.server_groups = mock.create_autospec(
            nova_server_groups.ServerGroupsManager, instance=True)
        self.server_groups.list.side_effect = \
            lambda **kw: list(self.server_groups_by_id.values())
        self.server_groups.create.side_effect = self._create_server_group
        self.server_groups.delete.side_effect = \
            lambda group_id: self.server_groups_by_id.pop(group_id)

        self.image = mock.create_autospec(image_proxy.Proxy, instance=True)
        self.image.find_image.side_effect = \
            lambda name_or_id, ignore_missing=True: \
            self.images_by_id.get(name_or_id)
        self.image.images.side_effect = self._list_images

        self.network = mock.create_autospec(network_proxy.Proxy,
                                            instance=True)
        self.network.find_network.side_effect = self._find_network
        self.network.security_groups.side_effect = \
            lambda **query: self._named(self.security_groups, query)
        self.network.create_security_group.side_effect = \
            self._create_security_group
        self.network.create_security_group_rule.side_effect = \
            lambda **rule: self.rules.append(rule)
        self.network.delete_security_group.side_effect = \
            lambda group, ignore_missing=True, **kw: \
            self.security_groups.pop(group.id, None)
        self.network.create_port.side_effect = self._create_port
        self.network.ports.side_effect = \
            lambda **query: self._named(self.ports, query)
        self.network.delete_port.side_effect = \
            lambda port, ignore_missing=True, **kw: \
            self.ports.pop(port.id, None)

        self.volumes = mock.create_autospec(cinder_volumes.VolumeManager,
                                            instance=True)
        self.volumes.create.side_effect = self._create_volume
        self.volumes.get.side_effect = \
            lambda volume_id: self.volumes_by_id[volume_id]
        self.volumes.list.side_effect = \
            lambda search_opts=None, **kw: [
                volume for volume in self.volumes_by_id.values()
                if volume.name == (search_opts or {}).get('name')]
        self.volumes.extend.side_effect = self._extend_volume
        self.volumes.delete.side_effect = \
            lambda volume, **kw: self.volumes_by_id.pop(volume.id)

    @staticmethod
    def _named(records, query):
        return [record for record in records.values()
                if record.name == query.get('name')]

    # --- Nova -------------------------------------------------------------

    def _create_server(self, name, image, flavor, **kwargs):
        self.server_requests.append(dict(kwargs, name=name, image=image,
                                         flavor=flavor))
        if self.create_error is not None:
            raise self.create_error
        addresses = {}
        nics = kwargs.get('nics')
        for nic in (nics if nics != 'none' else ()):
            port = self.ports[nic['port-id']]
            port.device_id = name
            network = self.networks[port.network_id]
            addresses.setdefault(network.name, []).append(
                {'addr': port.fixed_ip, 'version': 4,
                 'OS-EXT-IPS:type': 'fixed'})
        for mapping in kwargs.get('block_device_mapping_v2') or ():
            self.volumes_by_id[mapping['uuid']].status = 'in-use'
        server = _record(
            id=self.new_id('server'), name=name, status='BUILD',
            metadata=dict(kwargs.get('meta') or {}),
            tags=list(kwargs.get('tags') or ()), addresses=addresses,
            flavor={'original_name': flavor.name}, fault=None)
        setattr(server, 'OS-EXT-STS:task_state', 'spawning')
        setattr(server, 'OS-EXT-SRV-ATTR:host', 'compute-1')
        self.servers_by_id[server.id] = server
        return server

    def _get_server(self, server_id):
        server = self.servers_by_id.get(getattr(server_id, 'id', server_id))
        if server is None:
            raise nova_exceptions.NotFound(404)
        if server.status == 'BUILD':
            # One poll later, the build is over.
            server.status = self.boot_status
            setattr(server, 'OS-EXT-STS:task_state', None)
            if self.boot_fault:
                server.fault = {'message': self.boot_fault, 'code': 500}
        return server

    def _list_servers(self, detailed=True, search_opts=None, **kwargs):
        search_opts = search_opts or {}
        found = list(self.servers_by_id.values())
        if 'name' in search_opts:
            wanted = search_opts['name'].strip('^$')
            found = [server for server in found if server.name == wanted]
        if 'tags' in search_opts:
            found = [server for server in found
                     if search_opts['tags'] in server.tags]
        return found

    def _delete_server(self, server):
        found = self.servers_by_id.pop(getattr(server, 'id', server), None)
        if found is None:
            raise nova_exceptions.NotFound(404)
        for port in self.ports.values():
            if port.device_id == found.name:
                port.device_id = ''
        for volume in self.volumes_by_id.values():
            if volume.status == 'in-use':
                volume.status = 'available'

    def _set_status(self, status):
        def change(server):
            self.servers_by_id[server.id].status = status
        return change

    def _reboot(self, server, reboot_type='SOFT'):
        self.servers_by_id[server.id].status = 'ACTIVE'
        self.servers_by_id[server.id].reboots = reboot_type

    def _resize(self, server, flavor, disk_config=None):
        record = self.servers_by_id[server.id]
        record.old_flavor, record.flavor = record.flavor, {
            'original_name': flavor.name}
        record.status = 'VERIFY_RESIZE'

    def _confirm_resize(self, server):
        self.servers_by_id[server.id].status = 'SHUTOFF'

    def _revert_resize(self, server):
        record = self.servers_by_id[server.id]
        record.flavor = record.old_flavor
        record.status = 'SHUTOFF'

    def _get_flavor(self, flavor_id):
        if flavor_id not in self.flavors_by_id:
            raise nova_exceptions.NotFound(404)
        return self.flavors_by_id[flavor_id]

    def _create_server_group(self, name, policy, rules=None):
        group = _record(id=self.new_id('group'), name=name, policy=policy)
        self.server_groups_by_id[group.id] = group
        return group

    # --- Glance, Neutron, Cinder -----------------------------------------

    def _list_images(self, **query):
        wanted = set(query.get('tag') or ())
        return [image for image in self.images_by_id.values()
                if wanted <= set(image.tags)
                and image.status == query.get('status', image.status)]

    def _find_network(self, name_or_id, ignore_missing=True, **query):
        for network in self.networks.values():
            if name_or_id in (network.id, network.name):
                return network
        return None

    def _create_security_group(self, name, description=''):
        group = _record(id=self.new_id('sg'), name=name)
        self.security_groups[group.id] = group
        return group

    def _create_port(self, network_id, name, security_group_ids,
                     fixed_ips=None):
        port = _record(id=self.new_id('port'), name=name,
                       network_id=network_id, device_id='',
                       security_group_ids=list(security_group_ids),
                       fixed_ip=(fixed_ips or [{}])[0].get(
                           'ip_address', '10.0.0.%d' % (len(self.ports) + 5)))
        self.ports[port.id] = port
        return port

    def _create_volume(self, size, name=None, volume_type=None,
                       availability_zone=None, metadata=None, **kwargs):
        volume = _record(id=self.new_id('volume'), name=name, size=size,
                         volume_type=volume_type, status='available',
                         metadata=dict(metadata or {}))
        self.volumes_by_id[volume.id] = volume
        return volume

    def _extend_volume(self, volume, new_size):
        self.volumes_by_id[volume.id].size = new_size
