"""The real `openstack` CLI, as the README tells a user to run it."""
import json

import pymysql

from trove.tests.functional import waiters


def _json(result):
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_datastore_flavor_and_limit_lists(deployment):
    datastores = _json(deployment.cli('datastore', 'list', '-f', 'json'))
    assert 'mariadb' in [d['Name'] for d in datastores]
    versions = _json(deployment.cli('datastore', 'version', 'list',
                                    'mariadb', '-f', 'json'))
    assert versions and all(v['Name'] for v in versions)
    flavors = _json(deployment.cli('database', 'flavor', 'list', '-f',
                                   'json'))
    assert 'db.small' in [f['Name'] for f in flavors]
    # The client prints the absolute limits as a table whatever the format.
    limits = deployment.cli('database', 'limit', 'list')
    assert limits.returncode == 0, limits.stderr
    assert 'max_instances' in limits.stdout
    assert 'POST' in limits.stdout


def test_create_show_connect_delete(deployment, trove):
    version = trove.datastore_versions.list('mariadb')[0].name
    created = _json(deployment.cli(
        'database', 'instance', 'create', 'cli-db', '--flavor', '2',
        '--size', '1', '--datastore', 'mariadb', '--datastore-version',
        version, '--databases', 'appdb', '--users', 'app:app-pass',
        '-f', 'json'))
    assert created['status'] == 'BUILD'
    waiters.wait_for_status(trove, created['id'], ['ACTIVE'])
    listed = _json(deployment.cli('database', 'instance', 'list', '-f',
                                  'json'))
    assert 'cli-db' in [i['Name'] for i in listed]
    shown = _json(deployment.cli('database', 'instance', 'show', 'cli-db',
                                 '-f', 'json'))
    assert shown['status'] == 'ACTIVE'
    address = shown['ip']
    conn = pymysql.connect(host=address, user='app', password='app-pass',
                           database='appdb')
    conn.close()
    deleted = deployment.cli('database', 'instance', 'delete', 'cli-db')
    assert deleted.returncode == 0, deleted.stderr
    waiters.wait_until_gone(trove, created['id'])
