"""A private TROVE_COMPUTE=nova deployment: the Keystone mode plus the test
cloud (real Glance, Placement and Nova; the project's virt driver and
network stand-in), started through tools/quickstart.sh on ports, addresses
and a state directory of its own."""
import json
import os
import subprocess
import time

from trove.tests.functional import deployment
from trove.tests.functional import keystone_deployment

API_PORT = 18809
RABBIT_PORT = 5697
KEYSTONE_PORT = 18815
CLOUD_PORT_BASE = 18820  # Glance, Placement, Nova, network: 18820-18823
SWIFT_PORT = 18840  # the proxy; its object, container, account servers next
ADDRESS_POOL = '127.84.0.0/16'
MGMT_CIDR = '127.67.0.0/16'
CGROUP_PREFIX = 'trove-functional-cloud'


class CloudDeployment(keystone_deployment.KeystoneDeployment):

    def __init__(self):
        deployment.Deployment.__init__(
            self, api_port=API_PORT, rabbit_port=RABBIT_PORT,
            address_pool=ADDRESS_POOL, cgroup_prefix=CGROUP_PREFIX,
            # Short: an engine's unix socket lives below
            # <state>/nova-servers/instances/<server uuid>/, and a socket
            # path may not exceed 107 characters (MariaDB refuses to start).
            prefix='tfc-')
        self.keystone_port = KEYSTONE_PORT
        self.env.update(TROVE_COMPUTE='nova',
                        TROVE_KEYSTONE_PORT=str(KEYSTONE_PORT),
                        TROVE_CLOUD_PORT_BASE=str(CLOUD_PORT_BASE),
                        TROVE_CLOUD_MGMT_CIDR=MGMT_CIDR,
                        # Backups go to Swift on a cloud; 1 MiB segments
                        # (Swift's smallest) make a small backup several.
                        TROVE_SWIFT_PORT=str(SWIFT_PORT),
                        TROVE_SWIFT_SEGMENT_SIZE=str(1024 * 1024))
        self.clouds_file = os.path.join(self.state_dir, 'clouds.yaml')
        self._sessions = {}
        self.servers_dir = os.path.join(
            os.path.dirname(self.instances_dir), 'nova-servers', 'instances')
        self.control_root = os.path.join(os.path.dirname(self.servers_dir),
                                         'instance_control')
        self.launcher_config = os.path.join(self.state_dir, 'cloud', 'nova',
                                            'launcher.conf')
        self.start_seconds = None

    def start(self):
        began = time.monotonic()
        output = super().start()
        self.start_seconds = time.monotonic() - began
        print('test cloud started in %.1f s' % self.start_seconds)
        return output

    def remove(self):
        """The servers first (their volumes are mounted below the state
        directory, their users and cgroups are the host's), then the rest."""
        subprocess.run(
            [os.path.join(deployment.VENV_BIN, 'python'), '-m',
             'trove.tests.cloud.launcher', '--config-file',
             self.launcher_config, 'purge'],
            env=dict(os.environ, PYTHONPATH=deployment.REPO),
            capture_output=True, timeout=300)
        super().remove()

    def cli(self, *args, cloud='trove-admin'):
        return super().cli(*args, cloud=cloud)

    def openstack(self, *args, cloud='trove-admin'):
        """The JSON answer of a command that lists or shows (-f json);
        AssertionError on failure."""
        done = self.cli(*(args + ('-f', 'json')), cloud=cloud)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout) if done.stdout.strip() else None

    def server_root(self, server_id):
        return os.path.join(self.servers_dir, server_id)

    def agent_pid_file(self, server_id):
        return os.path.join(self.control_root, server_id, 'guestagent.pid')
