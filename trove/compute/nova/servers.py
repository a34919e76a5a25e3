"""Finding an instance's Nova server, and what Nova says of it.

Servers are found by name (``trove-<instance id>``, unique in Trove's
service project) and checked by their ``trove_instance_id`` metadata, so
that nothing but the instance id is needed to act on one.
"""
from novaclient import exceptions as nova_exceptions

from trove.compute.nova import networks
from trove.compute.nova import states

TAG = 'trove_instance'
INSTANCE_KEY = 'trove_instance_id'
PROJECT_KEY = 'trove_project_id'

# What Server.addresses calls an address (Trove's address types).
PRIVATE = 'private'
PUBLIC = 'public'


def datastore_tag(datastore):
    return 'trove_%s' % datastore


def _owned(server, instance_id):
    return (server.name == networks.resource_name(instance_id)
            and (server.metadata or {}).get(INSTANCE_KEY) == instance_id)


def find(server_api, instance_id):
    """The instance's server, or None; a deleted one counts as none."""
    name = networks.resource_name(instance_id)
    for server in server_api.list(search_opts={'name': '^%s$' % name}):
        if _owned(server, instance_id) and \
                (server.status or '').upper() not in states.DELETED:
            return server
    return None


def refresh(server_api, server):
    """The server as Nova shows it now; None once it is gone."""
    try:
        return server_api.get(server.id)
    except nova_exceptions.NotFound:
        return None


def list_instance_ids(server_api):
    """Instance ids of the servers tagged as Trove's in the project."""
    found = set()
    for server in server_api.list(search_opts={'tags': TAG}):
        instance_id = (server.metadata or {}).get(INSTANCE_KEY)
        if instance_id and _owned(server, instance_id) and \
                (server.status or '').upper() not in states.DELETED:
            found.add(instance_id)
    return sorted(found)


def addresses(server, management_network_names=()):
    """[{'address', 'type', 'network'}] from Nova's addresses, by network
    name: floating ones are public, fixed ones private. Addresses on the
    management networks are left out when the server has others: users
    reach the engine on their own networks."""
    found = []
    for network, entries in sorted((server.addresses or {}).items()):
        for entry in entries:
            kind = entry.get('OS-EXT-IPS:type')
            found.append({'address': entry.get('addr'),
                          'type': PUBLIC if kind == 'floating' else PRIVATE,
                          'network': network})
    users = [entry for entry in found
             if entry['network'] not in set(management_network_names)]
    return users or found


def main_address(found):
    """The address clients use: the first public one, else the first."""
    for entry in found:
        if entry['type'] == PUBLIC:
            return entry['address']
    return found[0]['address'] if found else None


def host_facts(server, volume_id=None):
    """Facts that do not change while the server exists, for admins."""
    facts = {'server_id': server.id,
             'host': getattr(server, 'OS-EXT-SRV-ATTR:host', None),
             'availability_zone': getattr(
                 server, 'OS-EXT-AZ:availability_zone', None),
             'flavor': (getattr(server, 'flavor', None) or {}).get(
                 'original_name') or (getattr(server, 'flavor', None)
                                      or {}).get('id')}
    if volume_id:
        facts['volume_id'] = volume_id
    return {key: value for key, value in facts.items() if value is not None}
