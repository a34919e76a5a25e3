"""The `openstack` CLI through a real Keystone, with the clouds.yaml
`TROVE_AUTH=keystone ./tools/quickstart.sh` writes: what a member does
with an instance, and what only an admin may do."""
import json

from trove.tests.functional import waiters


def _json(result):
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_quickstart_prints_the_cli_settings(keystone_deployment):
    output = keystone_deployment.start()  # again: changes nothing
    assert ('export OS_CLIENT_CONFIG_FILE=%s OS_CLOUD=trove'
            % keystone_deployment.clouds_file) in output
    clouds = [keystone_deployment.cloud(name) for name in
              ('trove', 'trove-reader', 'trove-alt', 'trove-admin')]
    assert [cloud['auth']['project_name'] for cloud in clouds] == [
        'demo', 'demo', 'alt', 'admin']


def test_member_lifecycle_and_admin_reach(keystone_deployment):
    cli = keystone_deployment.cli
    trove = keystone_deployment.client('trove')
    version = trove.datastore_versions.list('mariadb')[0].name
    created = _json(cli(
        'database', 'instance', 'create', 'ks-db', '--flavor', '2',
        '--size', '1', '--datastore', 'mariadb', '--datastore-version',
        version, '-f', 'json'))
    waiters.wait_for_status(trove, created['id'], ['ACTIVE'])
    assert 'ks-db' in [i['Name'] for i in _json(cli(
        'database', 'instance', 'list', '-f', 'json'))]
    assert _json(cli('database', 'instance', 'show', 'ks-db', '-f',
                     'json'))['status'] == 'ACTIVE'

    assert cli('database', 'db', 'create', 'ks-db', 'appdb').returncode == 0
    assert 'appdb' in [d['Name'] for d in _json(cli(
        'database', 'db', 'list', 'ks-db', '-f', 'json'))]
    result = cli('database', 'user', 'create', 'ks-db', 'app', 'app-pass',
                 '--databases', 'appdb')
    assert result.returncode == 0, result.stderr
    assert 'app' in [u['Name'] for u in _json(cli(
        'database', 'user', 'list', 'ks-db', '-f', 'json'))]

    # Demo's reader sees it, alt's member does not.
    assert 'ks-db' in [i['Name'] for i in _json(cli(
        'database', 'instance', 'list', '-f', 'json', cloud='trove-reader'))]
    assert _json(cli('database', 'instance', 'list', '-f', 'json',
                     cloud='trove-alt')) == []
    assert cli('database', 'instance', 'show', created['id'],
               cloud='trove-alt').returncode != 0

    # The admin: every project's instances, demo's instance by id.
    listed = _json(cli('database', 'instance', 'list', '--all-projects',
                       '-f', 'json', cloud='trove-admin'))
    assert created['id'] in [i['ID'] for i in listed]
    assert cli('database', 'instance', 'list', '--all-projects',
               cloud='trove').returncode != 0
    shown = _json(cli('database', 'instance', 'show', created['id'], '-f',
                      'json', cloud='trove-admin'))
    assert shown['name'] == 'ks-db'

    result = cli('database', 'instance', 'delete', 'ks-db')
    assert result.returncode == 0, result.stderr
    waiters.wait_until_gone(trove, created['id'])


def _quota_limits(keystone_deployment, project, cloud='trove-admin'):
    rows = _json(keystone_deployment.cli('database', 'quota', 'show',
                                         project, '-f', 'json', cloud=cloud))
    return {row['Resource']: row['Limit'] for row in rows}


def test_admin_shows_and_updates_a_projects_quota(keystone_deployment):
    cli = keystone_deployment.cli
    before = _quota_limits(keystone_deployment, 'alt')
    assert before['instances'] >= 1
    updated = _json(cli('database', 'quota', 'update', 'alt', 'instances',
                        '3', '-f', 'json', cloud='trove-admin'))
    assert updated['instances'] == 3
    assert _quota_limits(keystone_deployment, 'alt')['instances'] == 3
    # Members may not change quotas, their own or others'.
    assert cli('database', 'quota', 'update', 'demo', 'instances', '99',
               cloud='trove').returncode != 0
    assert cli('database', 'quota', 'show', 'demo',
               cloud='trove-alt').returncode != 0
    assert _quota_limits(keystone_deployment, 'demo')['instances'] != 99
