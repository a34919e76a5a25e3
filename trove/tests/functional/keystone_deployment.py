"""A private deployment behind a real Keystone (TROVE_AUTH=keystone),
started through tools/quickstart.sh like the noauth one, on ports and
addresses of its own so that both can run in one session."""
import json
import os
import subprocess

from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session
from troveclient.v1 import client as trove_client

from trove.tests.functional import deployment

API_PORT = 18789
RABBIT_PORT = 5693
KEYSTONE_PORT = 18795  # RabbitMQ takes 1xxxx: its dist port is AMQP + 10000
ADDRESS_POOL = '127.86.0.0/16'
CGROUP_PREFIX = 'trove-functional-ks'


class KeystoneDeployment(deployment.Deployment):

    def __init__(self, api_port=API_PORT, rabbit_port=RABBIT_PORT,
                 keystone_port=KEYSTONE_PORT, address_pool=ADDRESS_POOL,
                 cgroup_prefix=CGROUP_PREFIX, prefix='trove-functional-ks-',
                 settings=None):
        super().__init__(api_port=api_port, rabbit_port=rabbit_port,
                         address_pool=address_pool,
                         cgroup_prefix=cgroup_prefix, prefix=prefix,
                         settings=settings)
        self.keystone_port = keystone_port
        self.env.update(TROVE_AUTH='keystone',
                        TROVE_KEYSTONE_PORT=str(keystone_port))
        self.clouds_file = os.path.join(self.state_dir, 'clouds.yaml')
        self._sessions = {}

    def cloud(self, name):
        with open(self.clouds_file) as f:
            return json.load(f)['clouds'][name]  # written as JSON

    def session(self, cloud='trove'):
        """A keystoneauth session of one of clouds.yaml's accounts."""
        if cloud not in self._sessions:
            auth = self.cloud(cloud)['auth']
            self._sessions[cloud] = ks_session.Session(auth=v3.Password(
                auth_url=auth['auth_url'], username=auth['username'],
                password=auth['password'],
                project_name=auth['project_name'],
                user_domain_name=auth['user_domain_name'],
                project_domain_name=auth['project_domain_name']))
        return self._sessions[cloud]

    def project_id(self, cloud='trove'):
        return self.session(cloud).get_project_id()

    def client(self, cloud='trove'):
        """python-troveclient finding trove-api in Keystone's catalog."""
        return trove_client.Client(session=self.session(cloud),
                                   region_name='RegionOne')

    def request(self, method, path, cloud='trove', project=None, **kwargs):
        """``path`` below /v1.0/{project}; the project is the cloud's own
        unless given. Never raises on an error status."""
        url = self.endpoint(project or self.project_id(cloud)) + path
        return self.session(cloud).request(url, method, raise_exc=False,
                                           **kwargs)

    def cli(self, *args, cloud='trove'):
        env = {key: value for key, value in os.environ.items()
               if not key.startswith('OS_')}
        env.update(OS_CLIENT_CONFIG_FILE=self.clouds_file, OS_CLOUD=cloud)
        return subprocess.run(
            [os.path.join(deployment.VENV_BIN, 'openstack')] + list(args),
            env=env, capture_output=True, text=True, timeout=120)
