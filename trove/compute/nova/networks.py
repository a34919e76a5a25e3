"""An instance's ports and its security group, made in Trove's service
project before the server boots on them (so that the driver, not Nova,
owns them and removes them with the server).

The security group opens only the engine's port: to the create's
``access.allowed_cidrs``, or to anyone when it names none. Ports on the
management networks carry the operator's management security groups too,
through which the guest agent reaches the bus.
"""
import ipaddress

from trove.common import exception
from trove.conf import CONF


def resource_name(instance_id):
    """The name of everything the driver makes for an instance."""
    return 'trove-%s' % instance_id


def engine_port(manager):
    port = CONF.nova_compute.engine_ports.get(manager)
    if port is None:
        raise exception.ComputeError(
            reason='no engine port is configured for datastore manager %s '
                   '([nova_compute] engine_ports)' % manager)
    return int(port)


def _rule_prefixes(allowed_cidrs):
    if allowed_cidrs:
        return [str(ipaddress.ip_network(cidr, strict=False))
                for cidr in allowed_cidrs]
    return ['0.0.0.0/0', '::/0']


def ensure_security_group(network_api, instance_id, port, allowed_cidrs=()):
    """The instance's security group (made once: a re-driven create finds
    the one it made before)."""
    name = resource_name(instance_id)
    for group in network_api.security_groups(name=name):
        if group.name == name:
            return group
    group = network_api.create_security_group(
        name=name, description='Trove instance %s: its engine port only'
                               % instance_id)
    for prefix in _rule_prefixes(allowed_cidrs):
        network_api.create_security_group_rule(
            security_group_id=group.id, direction='ingress',
            ethertype='IPv6' if ':' in prefix else 'IPv4', protocol='tcp',
            port_range_min=port, port_range_max=port,
            remote_ip_prefix=prefix)
    return group


def _requested_networks(nics):
    """[(network_id, fixed_ip or None, subnet_id or None)]: the management
    networks, then each --nic the user gave."""
    wanted = [(network_id, None, None)
              for network_id in CONF.nova_compute.management_networks]
    for nic in nics or ():
        if nic.get('port-id') or nic.get('port_id'):
            # A user's port lives in the user's project: Trove's servers
            # (in its own project) can only use ports it makes itself.
            raise exception.ComputeError(
                reason='a --nic port-id cannot be used: give a net-id')
        network_id = nic.get('net-id') or nic.get('network_id')
        if not network_id:
            raise exception.ComputeError(
                reason='a --nic names no network: %s' % sorted(nic))
        wanted.append((network_id,
                       nic.get('v4-fixed-ip') or nic.get('ip_address'),
                       nic.get('subnet_id')))
    return wanted


def create_ports(network_api, instance_id, group_id, nics=()):
    """One port per network the server goes on, in order; [] when there
    are none (the server then boots with nics='none')."""
    management = set(CONF.nova_compute.management_networks)
    ports = []
    for wanted, fixed_ip, subnet_id in _requested_networks(nics):
        network = network_api.find_network(wanted, ignore_missing=True)
        if network is None:
            raise exception.ComputeError(
                reason='network %s does not exist' % wanted)
        groups = [group_id]
        if management & {network.id, network.name}:
            groups += list(CONF.nova_compute.management_security_groups)
        request = {'network_id': network.id,
                   'name': resource_name(instance_id),
                   'security_group_ids': groups}
        if fixed_ip or subnet_id:
            address = {}
            if fixed_ip:
                address['ip_address'] = fixed_ip
            if subnet_id:
                address['subnet_id'] = subnet_id
            request['fixed_ips'] = [address]
        ports.append(network_api.create_port(**request))
    return ports


def delete_ports(network_api, instance_id):
    """Remove the instance's ports; what is gone already is no error."""
    name = resource_name(instance_id)
    for port in list(network_api.ports(name=name)):
        if port.name == name:
            network_api.delete_port(port, ignore_missing=True)


def delete_all(network_api, instance_id):
    """Remove the instance's ports, then its security group."""
    delete_ports(network_api, instance_id)
    name = resource_name(instance_id)
    for group in list(network_api.security_groups(name=name)):
        if group.name == name:
            network_api.delete_security_group(group, ignore_missing=True)
