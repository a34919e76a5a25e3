"""Creates what Trove needs in a freshly bootstrapped Keystone, and the
clouds.yaml to use it; run again, it adds what is missing and moves the
endpoint to trove-api's port.

  keystone_accounts.py password STATE_DIR USER  (prints it)
  keystone_accounts.py accounts STATE_DIR KEYSTONE_URL TROVE_API_URL

Keystone's bootstrap made the admin user, project and role (and the
reader <- member <- admin implied roles). This adds:
- the service project and Trove's service user (role service, which
  Keystone's policy requires to validate other users' tokens);
- the catalog entry of service type ``database`` pointing at trove-api;
- projects demo (users demo: member, demo-reader: reader) and alt (user
  alt: member).
Passwords are generated once and kept in STATE_DIR/keystone/passwords.json
(0600); clouds.yaml (0600) holds them for the CLI.
"""
import json
import os
import secrets
import sys

from keystoneauth1.identity import v3
from keystoneauth1 import session
from keystoneclient.v3 import client

DOMAIN = 'default'
REGION = 'RegionOne'
SERVICE_PROJECT = 'service'
SERVICE_USER = 'trove'
# cloud name: (user, project, role)
CLOUDS = {
    'trove': ('demo', 'demo', 'member'),
    'trove-reader': ('demo-reader', 'demo', 'reader'),
    'trove-alt': ('alt', 'alt', 'member'),
    'trove-admin': ('admin', 'admin', 'admin'),
}


def _private_write(path, text):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'w') as f:
        f.write(text)


def load_passwords(path, extra_users=()):
    """The passwords of every account, generating those not made yet (the
    admin's was written by the shell before bootstrap); ``extra_users``
    are the test cloud's (cloud_accounts.py)."""
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    passwords = {}
    if os.path.exists(path):
        with open(path) as f:
            passwords = json.load(f)
    users = [SERVICE_USER] + [user for user, _, _ in CLOUDS.values()]
    users += list(extra_users)
    for user in users:
        passwords.setdefault(user, secrets.token_urlsafe(18))
    _private_write(path, json.dumps(passwords, indent=1, sort_keys=True))
    return passwords


def _one(manager, **filters):
    found = manager.list(**filters)
    return found[0] if found else None


def ensure_project(keystone, name):
    return (_one(keystone.projects, name=name, domain=DOMAIN)
            or keystone.projects.create(name, DOMAIN))


def ensure_role(keystone, name):
    return _one(keystone.roles, name=name) or keystone.roles.create(name)


def ensure_user(keystone, name, password, project, role):
    user = _one(keystone.users, name=name, domain=DOMAIN)
    if user is None:
        user = keystone.users.create(name, domain=DOMAIN, password=password,
                                     default_project=project)
    keystone.roles.grant(role, user=user, project=project)
    return user


def ensure_endpoint(keystone, url):
    service = (_one(keystone.services, type='database')
               or keystone.services.create('trove', 'database',
                                           description='Database service'))
    for interface in ('public', 'internal'):
        endpoint = _one(keystone.endpoints, service=service,
                        interface=interface, region_id=REGION)
        if endpoint is None:
            keystone.endpoints.create(service, url, interface=interface,
                                      region=REGION)
        elif endpoint.url != url:
            keystone.endpoints.update(endpoint, url=url)


def clouds_yaml(keystone_url, passwords):
    """YAML is a superset of JSON: no YAML library is needed to write it."""
    clouds = {}
    for cloud, (user, project, _) in CLOUDS.items():
        clouds[cloud] = {
            'auth': {'auth_url': keystone_url, 'username': user,
                     'password': passwords[user], 'project_name': project,
                     'user_domain_name': 'Default',
                     'project_domain_name': 'Default'},
            'region_name': REGION,
            'identity_api_version': 3,
        }
    return json.dumps({'clouds': clouds}, indent=2) + '\n'


def _passwords(state_dir):
    return load_passwords(os.path.join(state_dir, 'keystone',
                                       'passwords.json'))


def admin_client(keystone_url, passwords):
    auth = v3.Password(auth_url=keystone_url, username='admin',
                       password=passwords['admin'], project_name='admin',
                       user_domain_id=DOMAIN, project_domain_id=DOMAIN)
    return client.Client(session=session.Session(auth=auth),
                         interface='public')


def accounts(state_dir, keystone_url, trove_url):
    passwords = _passwords(state_dir)
    keystone = admin_client(keystone_url, passwords)
    service_project = ensure_project(keystone, SERVICE_PROJECT)
    ensure_user(keystone, SERVICE_USER, passwords[SERVICE_USER],
                service_project, ensure_role(keystone, 'service'))
    ensure_endpoint(keystone, trove_url)
    for user, project, role in CLOUDS.values():
        if user != 'admin':
            ensure_user(keystone, user, passwords[user],
                        ensure_project(keystone, project),
                        ensure_role(keystone, role))
    _private_write(os.path.join(state_dir, 'clouds.yaml'),
                   clouds_yaml(keystone_url, passwords))


def main(argv):
    if len(argv) == 3 and argv[0] == 'password':
        print(_passwords(argv[1])[argv[2]])
    elif len(argv) == 4 and argv[0] == 'accounts':
        accounts(*argv[1:])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main(sys.argv[1:])
