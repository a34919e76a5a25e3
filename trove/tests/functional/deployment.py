"""A private deployment for functional tests, started and stopped through
tools/quickstart.sh exactly as a user would, on ports and addresses of its
own so that it never meets a deployment the user runs."""
import contextlib
import os
import shutil
import subprocess
import tempfile
import time

from keystoneauth1 import session as ks_session
from keystoneauth1 import token_endpoint
from troveclient.v1 import client as trove_client

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
QUICKSTART = os.path.join(REPO, 'tools', 'quickstart.sh')
VENV_BIN = os.path.join(REPO, '.venv', 'bin')

API_PORT = 18779
RABBIT_PORT = 5689
ADDRESS_POOL = '127.88.0.0/16'
CGROUP_PREFIX = 'trove-functional'


class Deployment(object):

    def __init__(self, api_port=API_PORT, rabbit_port=RABBIT_PORT,
                 address_pool=ADDRESS_POOL, cgroup_prefix=CGROUP_PREFIX,
                 build_timeout=60, prefix='trove-functional-', settings=None):
        # Engines run as their own users: every parent must be traversable.
        self.state_dir = tempfile.mkdtemp(prefix=prefix)
        os.chmod(self.state_dir, 0o755)
        self.api_port = api_port
        self.cgroup_prefix = cgroup_prefix
        self.instances_dir = os.path.join(self.state_dir, 'instances')
        self.env = dict(
            os.environ,
            TROVE_STATE_DIR=self.state_dir,
            TROVE_INSTANCES_DIR=self.instances_dir,
            TROVE_API_PORT=str(api_port),
            TROVE_RABBIT_PORT=str(rabbit_port),
            TROVE_ADDRESS_POOL=address_pool,
            TROVE_BUILD_TIMEOUT=str(build_timeout),
            # Scheduled backups start within 2 s of their minute.
            TROVE_BACKUP_SCHEDULE_INTERVAL='2',
            TROVE_CGROUP_PREFIX=cgroup_prefix, **(settings or {}))
        self.config_file = os.path.join(self.state_dir, 'trove.conf')

    def quickstart(self, action, **settings):
        """Runs tools/quickstart.sh ACTION with this deployment's settings
        and ``settings`` (TROVE_TASKMANAGERS='2', say)."""
        return subprocess.run([QUICKSTART, action],
                              env=dict(self.env, **settings),
                              capture_output=True, text=True, timeout=900)

    def start(self):
        result = self.quickstart('start')
        if result.returncode != 0:
            raise RuntimeError('quickstart failed:\n%s\n%s'
                               % (result.stdout, result.stderr))
        return result.stdout

    def stop(self):
        self.quickstart('stop')

    @contextlib.contextmanager
    def running(self):
        """Started through the quickstart; stopped and removed afterwards,
        whatever the tests did."""
        try:
            self.start()
            yield self
        finally:
            self.stop()
            self.remove()

    def wait_serving(self, name, timeout=90):
        """Until process ``name`` (trove-conductor.2, say) consumes from its
        topic: it logs so once its RPC server has started."""
        log = os.path.join(self.state_dir, 'log', name + '.log')
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), open(log) as text:
                if 'Serving ' in text.read():
                    return
            time.sleep(0.1)
        raise RuntimeError('%s did not start serving; see %s' % (name, log))

    def pid(self, name):
        """The pid of process ``name`` if it runs, else None."""
        try:
            with open(os.path.join(self.state_dir, 'run',
                                   name + '.pid')) as pidfile:
                pid = int(pidfile.read())
            os.kill(pid, 0)
            return pid
        except (OSError, ValueError):
            return None

    def remove(self):
        """Delete whatever instances are left (volumes are mounted under
        the state directory), then the state directory."""
        subprocess.run([os.path.join(VENV_BIN, 'trove-manage'),
                        '--config-file', self.config_file, 'purge_servers'],
                       capture_output=True, timeout=300)
        shutil.rmtree(self.state_dir, ignore_errors=True)

    def control_dir(self, instance_id):
        """Where the local driver keeps what the instance's user must not
        touch: its guest.conf, the agent's pid file, the volume image."""
        return os.path.join(os.path.dirname(self.instances_dir),
                            'instance_control', instance_id)

    def endpoint(self, project):
        return 'http://127.0.0.1:%d/v1.0/%s' % (self.api_port, project)

    def admin_token(self):
        with open(self.config_file) as conf:
            for line in conf:
                if line.startswith('noauth_admin_token = '):
                    return line.split(' = ', 1)[1].strip()

    def client(self, project='demo', token='demo'):
        """python-troveclient, authenticated as the CLI's admin_token mode
        does: a fixed endpoint and token, no Keystone."""
        auth = token_endpoint.Token(self.endpoint(project), token)
        return trove_client.Client(session=ks_session.Session(auth=auth))

    def cli(self, *args, project='demo', token='demo'):
        """Runs the real `openstack` CLI; returns the completed process."""
        env = dict(os.environ, OS_AUTH_TYPE='admin_token',
                   OS_ENDPOINT=self.endpoint(project), OS_TOKEN=token)
        return subprocess.run([os.path.join(VENV_BIN, 'openstack')]
                              + list(args), env=env, capture_output=True,
                              text=True, timeout=120)
