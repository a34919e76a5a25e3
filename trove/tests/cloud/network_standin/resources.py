"""What the stand-in's records look like and how they are made: Neutron's
field names and defaults, for the fields Nova and Trove read."""
import ipaddress
import random
import uuid


class BadRequest(ValueError):
    pass


class Conflict(ValueError):
    pass


def _base(project_id, body):
    return {
        'id': str(uuid.uuid4()),
        'name': body.get('name', ''),
        'description': body.get('description', ''),
        'tenant_id': project_id,
        'project_id': project_id,
        'tags': [],
    }


def network(project_id, body):
    record = _base(project_id, body)
    record.update({
        'admin_state_up': body.get('admin_state_up', True),
        'status': 'ACTIVE',
        'shared': bool(body.get('shared', False)),
        'router:external': bool(body.get('router:external', False)),
        'port_security_enabled': body.get('port_security_enabled', True),
        'mtu': int(body.get('mtu', 1500)),
        'subnets': [],
        'availability_zones': [],
    })
    return record


def subnet(project_id, body, network_record):
    try:
        cidr = ipaddress.ip_network(body['cidr'])
    except (KeyError, ValueError) as error:
        raise BadRequest('a subnet needs a valid cidr: %s' % error)
    if cidr.version != 4 or not cidr.is_loopback:
        # Nothing routes anything else here: addresses must work on lo.
        raise BadRequest('the stand-in only serves IPv4 loopback subnets')
    hosts = cidr.hosts()
    first = next(hosts)
    record = _base(project_id, body)
    record.update({
        'network_id': network_record['id'],
        'cidr': str(cidr),
        'ip_version': 4,
        'gateway_ip': body.get('gateway_ip', str(first)),
        'allocation_pools': body.get('allocation_pools') or [
            {'start': str(first + 1), 'end': str(cidr.broadcast_address - 1)}],
        'enable_dhcp': bool(body.get('enable_dhcp', False)),
        'dns_nameservers': body.get('dns_nameservers', []),
        'host_routes': body.get('host_routes', []),
        'ipv6_ra_mode': None,
        'ipv6_address_mode': None,
        'subnetpool_id': None,
    })
    return record


def _pool_addresses(subnet_record):
    for pool in subnet_record['allocation_pools']:
        address = ipaddress.ip_address(pool['start'])
        end = ipaddress.ip_address(pool['end'])
        while address <= end:
            yield str(address)
            address += 1


def _allocate(subnet_record, taken, wanted=None):
    if wanted:
        if wanted in taken:
            raise Conflict('IP address %s is already allocated' % wanted)
        if ipaddress.ip_address(wanted) not in \
                ipaddress.ip_network(subnet_record['cidr']):
            raise BadRequest('%s is not in subnet %s' % (
                wanted, subnet_record['cidr']))
        return wanted
    for address in _pool_addresses(subnet_record):
        if address not in taken:
            return address
    raise Conflict('no more IP addresses on subnet %s' % subnet_record['id'])


def fixed_ips(records, network_record, requested):
    """[{subnet_id, ip_address}] for a new port: the requested ones, or one
    address of the network's first subnet."""
    taken = {ip['ip_address'] for port in records['ports'].values()
             for ip in port['fixed_ips']}
    subnets = [records['subnets'][sid] for sid in network_record['subnets']]
    if not subnets:
        return []
    chosen = []
    for request in requested or [{}]:
        subnet_id = request.get('subnet_id') or subnets[0]['id']
        subnet_record = records['subnets'].get(subnet_id)
        if subnet_record is None or \
                subnet_record['network_id'] != network_record['id']:
            raise BadRequest('subnet %s is not on network %s' % (
                subnet_id, network_record['id']))
        address = _allocate(subnet_record, taken, request.get('ip_address'))
        taken.add(address)
        chosen.append({'subnet_id': subnet_id, 'ip_address': address})
    return chosen


def _mac_address():
    return 'fa:16:3e:%02x:%02x:%02x' % tuple(
        random.randrange(256) for _ in range(3))


def port(project_id, body, network_record, addresses, default_groups):
    record = _base(project_id, body)
    record.update({
        'network_id': network_record['id'],
        'admin_state_up': body.get('admin_state_up', True),
        'mac_address': body.get('mac_address') or _mac_address(),
        'fixed_ips': addresses,
        'device_id': body.get('device_id', ''),
        'device_owner': body.get('device_owner', ''),
        'security_groups': body.get('security_groups', default_groups),
        'port_security_enabled': body.get(
            'port_security_enabled', network_record['port_security_enabled']),
        'allowed_address_pairs': body.get('allowed_address_pairs', []),
        'extra_dhcp_opts': [],
        'binding:host_id': '',
        'binding:profile': {},
        'binding:vnic_type': body.get('binding:vnic_type', 'normal'),
        'binding:vif_type': 'unbound',
        'binding:vif_details': {},
        'status': 'DOWN',
    })
    update_port(record, body)
    return record


PORT_UPDATABLE = ('name', 'description', 'admin_state_up', 'device_id',
                  'device_owner', 'security_groups', 'binding:host_id',
                  'binding:profile', 'binding:vnic_type',
                  'port_security_enabled', 'allowed_address_pairs')


def update_port(record, body):
    for key in PORT_UPDATABLE:
        if key in body:
            record[key] = body[key]
    # Binding always succeeds: there is no data plane to wire (see the
    # package's docstring), and "other" is the VIF type Nova passes on.
    if record['binding:host_id']:
        record['binding:vif_type'] = 'other'
        record['status'] = 'ACTIVE' if record['device_id'] else 'DOWN'
    else:
        record['binding:vif_type'] = 'unbound'
        record['status'] = 'DOWN'
    return record


def security_group(project_id, body):
    record = _base(project_id, body)
    record['security_group_rules'] = []
    record['stateful'] = True
    return record


def security_group_rule(project_id, body, group):
    direction = body.get('direction')
    if direction not in ('ingress', 'egress'):
        raise BadRequest('direction must be ingress or egress')
    record = _base(project_id, body)
    del record['name'], record['tags']
    record.update({
        'security_group_id': group['id'],
        'direction': direction,
        'ethertype': body.get('ethertype', 'IPv4'),
        'protocol': body.get('protocol'),
        'port_range_min': body.get('port_range_min'),
        'port_range_max': body.get('port_range_max'),
        'remote_ip_prefix': body.get('remote_ip_prefix'),
        'remote_group_id': body.get('remote_group_id'),
    })
    return record


def egress_rule(project_id, group):
    """Every new group lets all traffic out, as in Neutron."""
    return security_group_rule(project_id, {'direction': 'egress'}, group)


def default_group_rules(project_id, group):
    """What Neutron puts in a project's default group: all egress, and
    ingress from the group's own members."""
    return [egress_rule(project_id, group), security_group_rule(
        project_id, {'direction': 'ingress', 'remote_group_id': group['id']},
        group)]
