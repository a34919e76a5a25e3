"""One system identity per instance: from one tenant's database root,
another tenant's files and the control plane's stay out of reach; each
instance's files are its own user's, and the user goes with the
instance."""
import importlib.util
import os
import pwd
import stat

import psutil
import pytest

from trove.tests.functional import waiters

TOOL = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))), 'tools',
    'isolation_audit.py')


def _audit_module():
    spec = importlib.util.spec_from_file_location('isolation_audit', TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


audit = _audit_module()


@pytest.fixture(scope='module')
def tenants(deployment):
    return deployment.client(project='tenant-a'), \
        deployment.client(project='tenant-b')


def _pair(tenants, engine):
    attacker, victim = tenants
    ids = (audit.create(attacker, engine, 'iso-a-' + engine),
           audit.create(victim, engine, 'iso-b-' + engine))
    waiters.wait_for_status(attacker, ids[0], ['ACTIVE'], timeout=180)
    waiters.wait_for_status(victim, ids[1], ['ACTIVE'], timeout=180)
    return ids


@pytest.fixture(scope='module')
def mariadb_pair(tenants):
    return _pair(tenants, 'mariadb')


@pytest.mark.parametrize('engine', ['mariadb', 'postgresql', 'redis'])
def test_root_of_one_tenant_reads_and_writes_nothing_of_another(
        deployment, tenants, mariadb_pair, engine):
    attacker, _victim = tenants
    attacker_id, victim_id = (mariadb_pair if engine == 'mariadb'
                              else _pair(tenants, engine))
    paths = audit.Paths(deployment.config_file)
    # What the attack aims at is there, and readable to the host's root.
    targets = paths.secrets_to_read(victim_id, engine)
    assert os.path.join(deployment.control_dir(victim_id),
                        'guest.conf') in targets
    assert deployment.config_file in targets

    try:
        result = audit.audit(engine, attacker, attacker_id, victim_id, paths)
    finally:
        if engine != 'mariadb':  # (the other tests use the MariaDB pair)
            attacker.instances.delete(attacker_id)
            tenants[1].instances.delete(victim_id)

    tried = len(targets) if engine != 'redis' else len(
        paths.places_to_write(victim_id, engine))
    assert result['attempts'] >= tried
    assert result['bytes_read'] == 0, result['reads_that_worked']
    assert result['reads_that_worked'] == []
    assert result['writes_landed'] == []
    if engine != 'redis':
        # The same features do reach the attacker's own files.
        assert result['own_files_reachable'] is True


def _owner(path):
    found = os.lstat(path)
    return pwd.getpwuid(found.st_uid).pw_name, stat.S_IMODE(found.st_mode)


def test_files_are_the_instance_users_and_the_control_plane_root_only(
        deployment, tenants, mariadb_pair):
    attacker, victim = tenants
    users = set()
    for instance_id in mariadb_pair:
        instance_dir = os.path.join(deployment.instances_dir, instance_id)
        user, mode = _owner(instance_dir)
        assert user.startswith('trove-i-') and mode == 0o700
        users.add(user)
        for top, dirs, files in os.walk(instance_dir):
            for name in dirs + files:
                path = os.path.join(top, name)
                if name == 'lost+found':
                    continue  # mkfs's, root's
                # Everything but the agent's log (written by the driver).
                if path != os.path.join(instance_dir, 'guestagent.log'):
                    assert _owner(path)[0] == user, path
        control = deployment.control_dir(instance_id)
        assert _owner(control) == ('root', 0o700)
        assert _owner(os.path.join(control, 'guest.conf')) == ('root', 0o600)
        # The agent and its engine run as it.
        running = list(_processes_of(pwd.getpwnam(user).pw_uid))
        assert 'mariadbd' in running and len(running) >= 2
    assert len(users) == 2
    # The control plane: the state directory traversable at most (the
    # instances of these tests live below it), its files the service's.
    assert _owner(deployment.state_dir)[1] & 0o066 == 0
    for name in ('trove.conf', 'trove.sqlite'):
        assert _owner(os.path.join(deployment.state_dir, name)) == \
            ('root', 0o600)
    log_dir = os.path.join(deployment.state_dir, 'log')
    assert _owner(log_dir) == ('root', 0o700)
    for name in os.listdir(log_dir):
        assert _owner(os.path.join(log_dir, name))[1] & 0o077 == 0, name


def _processes_of(uid):
    # Not zombies: an orphan's lasts until init gets round to reaping it.
    for process in psutil.process_iter(['uids', 'name', 'status']):
        if process.info['uids'] and process.info['uids'].real == uid \
                and process.info['status'] != psutil.STATUS_ZOMBIE:
            yield process.info['name']


def test_the_user_goes_with_the_instance(deployment, tenants, mariadb_pair):
    attacker, _victim = tenants
    instance_id = mariadb_pair[0]
    user, _mode = _owner(os.path.join(deployment.instances_dir,
                                      instance_id))
    uid = pwd.getpwnam(user).pw_uid
    attacker.instances.delete(instance_id)
    waiters.wait_until_gone(attacker, instance_id)
    with pytest.raises(KeyError):
        pwd.getpwnam(user)
    assert list(_processes_of(uid)) == []
    assert not os.path.exists(deployment.control_dir(instance_id))
