"""The test cloud's part of Keystone (TROVE_COMPUTE=nova), after
keystone_accounts.py made Trove's; run again, it adds what is missing and
moves endpoints to the given ports.

  cloud_accounts.py accounts STATE_DIR KEYSTONE_URL GLANCE_PORT \\
      PLACEMENT_PORT NOVA_PORT NETWORK_PORT

- service users glance, placement, nova and network-standin in the
  service project (roles admin and service: Nova acts on ports and
  allocations of every project, the others validate tokens);
- catalog entries image, placement, compute and network with public and
  internal endpoints (Nova and Placement look up internal ones);
- Trove's service user gets the member role in the service project, where
  Trove's servers live.
Passwords go to the same passwords.json as the other accounts'.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import keystone_accounts as accounts_lib  # noqa: E402

USERS = ('glance', 'placement', 'nova', 'network-standin')
# service type: (name, URL path after host:port)
SERVICES = {
    'image': ('glance', ''),
    'placement': ('placement', ''),
    'compute': ('nova', '/v2.1'),
    'network': ('neutron', ''),
}


def ensure_endpoints(keystone, service_type, name, url):
    service = (accounts_lib._one(keystone.services, type=service_type)
               or keystone.services.create(name, service_type))
    for interface in ('public', 'internal'):
        endpoint = accounts_lib._one(keystone.endpoints, service=service,
                                     interface=interface,
                                     region_id=accounts_lib.REGION)
        if endpoint is None:
            keystone.endpoints.create(service, url, interface=interface,
                                      region=accounts_lib.REGION)
        elif endpoint.url != url:
            keystone.endpoints.update(endpoint, url=url)


def accounts(state_dir, keystone_url, glance_port, placement_port,
             nova_port, network_port):
    passwords = accounts_lib.load_passwords(
        os.path.join(state_dir, 'keystone', 'passwords.json'), USERS)
    keystone = accounts_lib.admin_client(keystone_url, passwords)
    project = accounts_lib.ensure_project(keystone,
                                          accounts_lib.SERVICE_PROJECT)
    admin = accounts_lib.ensure_role(keystone, 'admin')
    service = accounts_lib.ensure_role(keystone, 'service')
    for user in USERS:
        made = accounts_lib.ensure_user(keystone, user, passwords[user],
                                        project, admin)
        keystone.roles.grant(service, user=made, project=project)
    trove = accounts_lib._one(keystone.users,
                              name=accounts_lib.SERVICE_USER,
                              domain=accounts_lib.DOMAIN)
    keystone.roles.grant(accounts_lib.ensure_role(keystone, 'member'),
                         user=trove, project=project)
    ports = {'image': glance_port, 'placement': placement_port,
             'compute': nova_port, 'network': network_port}
    for service_type, (name, path) in SERVICES.items():
        ensure_endpoints(keystone, service_type, name, 'http://127.0.0.1:%s%s'
                         % (ports[service_type], path))


def main(argv):
    if len(argv) == 7 and argv[0] == 'accounts':
        accounts(*argv[1:])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main(sys.argv[1:])
