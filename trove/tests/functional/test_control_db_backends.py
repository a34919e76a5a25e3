"""TROVE_DATABASE=mariadb and postgresql: the quickstart puts the control
DB on a private server of that engine, and the service works on it (a
Redis instance created, listed and deleted through python-troveclient).
Each backend gets a second deployment with ports and addresses of its
own, stopped and removed at the end."""
import os
import stat
import subprocess

import pytest

from trove.tests.functional import deployment as deployment_module
from trove.tests.functional import waiters

# Beside the main deployment (18779/5689) and Keystone's (18789/5693).
# Short state directory names: an instance's unix socket lives below.
BACKENDS = {
    'mariadb': dict(api_port=18819, rabbit_port=5715,
                    address_pool='127.84.0.0/16', prefix='trove-cdb-my-'),
    'postgresql': dict(api_port=18829, rabbit_port=5717,
                       address_pool='127.83.0.0/16', prefix='trove-cdb-pg-'),
}
SCHEMES = {'mariadb': 'mysql+pymysql://',
           'postgresql': 'postgresql+psycopg2://'}


@pytest.fixture(scope='module', params=sorted(BACKENDS))
def backend_deployment(request):
    backend = request.param
    found = deployment_module.Deployment(
        cgroup_prefix='trove-functional-%s' % backend,
        settings={'TROVE_DATABASE': backend}, **BACKENDS[backend])
    found.backend = backend
    with found.running():
        yield found


def _connection(deployment):
    with open(deployment.config_file) as conf:
        for line in conf:
            if line.startswith('connection = '):
                return line.split(' = ', 1)[1].strip()


def _status(deployment):
    return deployment.quickstart('status').stdout


def test_control_db_is_on_a_private_server(backend_deployment):
    connection = _connection(backend_deployment)
    db_port = backend_deployment.api_port + 1000
    assert connection.startswith(SCHEMES[backend_deployment.backend])
    assert '@127.0.0.1:%d/trove' % db_port in connection
    assert not os.path.exists(os.path.join(backend_deployment.state_dir,
                                           'trove.sqlite'))
    assert ('control DB: %s on 127.0.0.1:%d, running'
            % (backend_deployment.backend, db_port)
            in _status(backend_deployment))


def test_its_password_and_data_are_the_control_planes_alone(
        backend_deployment):
    controldb = os.path.join(backend_deployment.state_dir, 'controldb')
    password_file = os.path.join(controldb, 'password')
    assert stat.S_IMODE(os.stat(password_file).st_mode) == 0o600
    with open(password_file) as f:
        password = f.read().strip()
    assert password in _connection(backend_deployment)
    again = backend_deployment.quickstart('start')  # idempotent
    assert again.returncode == 0, again.stderr
    assert password not in again.stdout + again.stderr  # never printed
    data = os.stat(os.path.join(controldb, 'data'))
    assert stat.S_IMODE(data.st_mode) == 0o700
    # Not a user an instance runs as: the engine's system user.
    owner = {'mariadb': 'mysql', 'postgresql': 'postgres'}[
        backend_deployment.backend]
    assert data.st_uid == int(subprocess.check_output(
        ['id', '-u', owner], text=True))


def test_redis_instance_lifecycle_on_it(backend_deployment):
    trove = backend_deployment.client()
    version = trove.datastore_versions.list('redis')[0].name
    flavor = [f for f in trove.flavors.list() if f.name == 'db.tiny'][0]
    instance = trove.instances.create(
        'on-%s' % backend_deployment.backend, flavor.id, volume={'size': 1},
        datastore='redis', datastore_version=version)
    try:
        active = waiters.wait_for_status(trove, instance.id,
                                         ['ACTIVE', 'ERROR'])
        assert active.status == 'ACTIVE', getattr(active, 'fault', None)
        assert instance.id in [i.id for i in trove.instances.list()]
    finally:
        trove.instances.delete(instance.id)
        waiters.wait_until_gone(trove, instance.id)
    assert instance.id not in [i.id for i in trove.instances.list()]


def test_stop_stops_the_control_db(backend_deployment):
    backend_deployment.stop()
    assert ('control DB: %s on' % backend_deployment.backend
            in _status(backend_deployment))
    assert ', stopped' in _status(backend_deployment)
