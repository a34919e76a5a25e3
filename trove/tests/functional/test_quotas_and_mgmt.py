"""Quotas and the admins' API on a real deployment: a project held to one
instance, `openstack database quota show`, the mgmt instance list across
projects, and a stopped instance that stays stopped until rebooted.

Each test works in projects of its own, so that quota changes never reach
the "demo" project other modules use.
"""
import json
import re
import time
import uuid

import pytest
from troveclient import exceptions

from trove.compute.local import agent
from trove.compute.local import process
from trove.tests.functional import waiters


@pytest.fixture(scope='module')
def admin_token(deployment):
    return deployment.admin_token()


@pytest.fixture(scope='module')
def admin(deployment, admin_token):
    return deployment.client(token=admin_token)


@pytest.fixture(scope='module')
def version(trove):
    return trove.datastore_versions.list('mariadb')[0].name


def _project():
    # An id, not a name: the CLI resolves names through Keystone.
    return uuid.uuid4().hex


def _create(client, version, name):
    return client.instances.create(
        name, '1', volume={'size': 1}, datastore='mariadb',
        datastore_version=version)


def _delete(client, instance_id, timeout=120):
    deadline = time.time() + timeout
    while True:
        try:
            client.instances.delete(instance_id)
            break
        except exceptions.NotFound:
            return
        except exceptions.UnprocessableEntity:
            assert time.time() < deadline  # busy (rebooting, say): wait
            time.sleep(1)
    waiters.wait_until_gone(client, instance_id)


def _quota_rows(deployment, admin_token, project):
    shown = deployment.cli('database', 'quota', 'show', project,
                           '-f', 'json', token=admin_token)
    assert shown.returncode == 0, shown.stderr
    return {row['Resource']: row for row in json.loads(shown.stdout)}


def test_quota_of_one_instance_refuses_the_second(deployment, admin,
                                                  admin_token, version):
    project = _project()
    client = deployment.client(project=project)
    updated = deployment.cli('database', 'quota', 'update', project,
                             'instances', '1', '-f', 'json',
                             token=admin_token)
    assert updated.returncode == 0, updated.stderr
    assert json.loads(updated.stdout) == {'instances': 1}

    first = _create(client, version, 'first')
    try:
        with pytest.raises(exceptions.RequestEntityTooLarge) as refused:
            _create(client, version, 'second')
        assert 'instances' in str(refused.value)
        assert [i.id for i in client.instances.list()] == [first.id]

        rows = _quota_rows(deployment, admin_token, project)
        assert rows['instances'] == {'Resource': 'instances', 'In Use': 1,
                                     'Reserved': 0, 'Limit': 1}
        assert (rows['volumes']['In Use'], rows['volumes']['Limit']) == (
            1, 40)
        limits = deployment.cli('database', 'limit', 'list',
                                project=project, token='demo')
        assert limits.returncode == 0, limits.stderr
        assert re.search(r'\|\s*max_instances\s*\|\s*1\s*\|',
                         limits.stdout), limits.stdout
    finally:
        _delete(client, first.id)
    assert _quota_rows(deployment, admin_token,
                       project)['instances']['In Use'] == 0


@pytest.fixture(scope='module')
def other_instance(deployment, version):
    """An ACTIVE instance of a project other than the admin's."""
    project = _project()
    client = deployment.client(project=project)
    created = _create(client, version, 'theirs')
    yield project, client, waiters.wait_for_status(
        client, created.id, ['ACTIVE'], timeout=180)
    _delete(client, created.id)


def test_mgmt_list_shows_other_projects_to_admins_only(
        deployment, admin, admin_token, other_instance):
    project, client, instance = other_instance
    listed = {i.id: i for i in admin.mgmt_instances.list()}
    assert listed[instance.id].tenant_id == project
    cli = deployment.cli('database', 'instance', 'list', '--all-projects',
                         '-f', 'json', token=admin_token)
    assert cli.returncode == 0, cli.stderr
    [row] = [r for r in json.loads(cli.stdout) if r['ID'] == instance.id]
    assert row['Server ID'] == instance.id
    assert row['Status'] == 'ACTIVE'
    with pytest.raises(exceptions.Forbidden):
        client.mgmt_instances.list()
    with pytest.raises(exceptions.Forbidden):
        client.mgmt_instances.stop(instance.id)


def _server(admin, instance_id):
    return admin.mgmt_instances.show(instance_id).server


def _processes(instance_id):
    """What the instance runs on this host (agent, engine), as an operator
    on the host sees it: the API shows recorded facts, not live pids."""
    return process.processes_with_environment(agent.INSTANCE_ENV_KEY,
                                              instance_id)


def _stop(admin, client, instance_id, timeout=60):
    """Stop it as an admin; SHUTDOWN at once, and once the server is down
    (the engine too) its operating status says so."""
    admin.mgmt_instances.stop(instance_id)
    assert client.instances.get(instance_id).status == 'SHUTDOWN'
    waiters.wait_until(
        lambda: client.instances.get(instance_id).operating_status
        == 'SHUTDOWN', timeout=timeout, interval=0.5,
        what='the instance stopping')
    assert _server(admin, instance_id)['status'] == 'SHUTOFF'
    assert _processes(instance_id) == []


def test_stopped_instance_stays_stopped_until_rebooted(
        deployment, admin, other_instance):
    _project_id, client, instance = other_instance
    server = _server(admin, instance.id)
    assert server['status'] == 'ACTIVE' and server['host']
    assert _processes(instance.id)  # its engine at least

    _stop(admin, client, instance.id)
    # Deliberately a fixed wait: what is checked is that nothing happens
    # for longer than the watchdog interval (5 s) and the heartbeat expiry
    # (30 s) -- nobody starts it again, and its silent guest is no ERROR.
    time.sleep(32)
    assert client.instances.get(instance.id).status == 'SHUTDOWN'
    assert _server(admin, instance.id)['status'] == 'SHUTOFF'
    assert _processes(instance.id) == []

    admin.mgmt_instances.reboot(instance.id)
    assert client.instances.get(instance.id).status == 'REBOOT'
    waiters.wait_for_status(client, instance.id, ['ACTIVE'], timeout=90)
    assert _server(admin, instance.id)['status'] == 'ACTIVE'
    assert _processes(instance.id)


def test_owner_restart_brings_back_a_stopped_instance(admin,
                                                      other_instance):
    _project_id, client, instance = other_instance
    _stop(admin, client, instance.id)
    client.instances.restart(instance.id)
    waiters.wait_for_status(client, instance.id, ['ACTIVE'], timeout=90)


def test_operator_registers_a_version_from_the_cli(deployment, admin_token,
                                                   version):
    """`openstack datastore version create/set/delete` and `datastore
    delete`, as an operator would use them; users create instances of
    the new version at once, and not once it is disabled."""
    datastore = 'mariadb-ops-%s' % uuid.uuid4().hex[:6]

    def admin_cli(*args):
        done = deployment.cli(*args, token=admin_token)
        assert done.returncode == 0, done.stderr
        return done

    def version_id(name):
        listed = json.loads(deployment.cli(
            'datastore', 'version', 'list', datastore, '-f', 'json',
            token=admin_token).stdout)
        return {row['Name']: row['ID'] for row in listed}.get(name)

    admin_cli('datastore', 'version', 'create', version, datastore,
              'mariadb', '', '--active', '--default')
    admin_cli('datastore', 'version', 'create', 'spare', datastore,
              'mariadb', '', '--active')
    assert version_id(version) and version_id('spare')

    client = deployment.client()
    created = client.instances.create(
        'ops-version', '1', volume={'size': 1}, datastore=datastore,
        datastore_version=version)
    try:
        instance = waiters.wait_for_status(client, created.id,
                                           ['ACTIVE', 'ERROR'], timeout=180)
        assert instance.status == 'ACTIVE', getattr(instance, 'fault', None)
        assert (instance.datastore['type'],
                instance.datastore['version']) == (datastore, version)
    finally:
        _delete(client, created.id)

    admin_cli('datastore', 'version', 'set', version_id(version),
              '--disable')
    with pytest.raises(exceptions.BadRequest):
        client.instances.create('refused', '1', volume={'size': 1},
                                datastore=datastore,
                                datastore_version=version)
    # Users may not touch versions.
    refused = deployment.cli('datastore', 'version', 'delete',
                             version_id('spare'))
    assert refused.returncode != 0 and '(HTTP 403)' in refused.stderr
    admin_cli('datastore', 'version', 'delete', version_id('spare'))
    assert version_id('spare') is None
    # The used version stays (its deleted instance keeps its history),
    # and so does its datastore.
    kept = deployment.cli('datastore', 'version', 'delete',
                          version_id(version), token=admin_token)
    assert kept.returncode != 0 and 'disable it' in kept.stderr
    kept = deployment.cli('datastore', 'delete', datastore,
                          token=admin_token)
    assert kept.returncode != 0 and 'still has 1 version' in kept.stderr
