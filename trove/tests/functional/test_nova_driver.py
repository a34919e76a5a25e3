"""The seed's flow on the test cloud (TROVE_COMPUTE=nova: real Keystone,
Glance, Placement and Nova, the project's virt driver and network
stand-in, Swift for backups), through the `openstack` CLI: an instance is
a Nova server in Trove's service project, its database reachable at the
address Nova gave it, a backup of it in Swift restores onto another
server, and nothing is left in Nova or the network once they are
deleted."""
import json
import os

import pymysql

from trove.tests.functional import cloud_deployment as cloud_module
from trove.tests.functional import waiters


def _json(result):
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _log_tail(running, name='trove-taskmanager'):
    """What the taskmanager said last: why a build failed."""
    try:
        with open(os.path.join(running.state_dir, 'log',
                               name + '.log')) as log:
            return log.read()[-3000:]
    except OSError as error:
        return str(error)


def _trove_servers(cli):
    """Trove's servers as the cloud's admin sees them in Nova."""
    return [server for server in _json(cli(
        'server', 'list', '--all-projects', '--long', '-f', 'json',
        cloud='trove-admin')) if server['Name'].startswith('trove-')]


def _backup_and_restore(cli, trove, version):
    """A backup of nova-db goes to Swift (the cloud's object store: the
    host's directory is out of a guest's reach) and a restore of it on a
    server of its own has the rows; the new instance's id."""
    backup = _json(cli('database', 'backup', 'create', 'nova-backup',
                       '--instance', 'nova-db', '-f', 'json'))
    waiters.wait_for_backup(trove, backup['id'])
    shown = _json(cli('database', 'backup', 'show', backup['id'],
                      '-f', 'json'))
    assert shown['storage_driver'] == 'swift', shown
    assert shown['locationRef'].startswith('http://127.0.0.1:%d/v1/AUTH_'
                                           % cloud_module.SWIFT_PORT)
    assert '/database_backups/' in shown['locationRef']
    restored = _json(cli(
        'database', 'instance', 'create', 'nova-restored', '--flavor', '2',
        '--size', '1', '--datastore', 'mariadb', '--datastore-version',
        version, '--backup', backup['id'], '-f', 'json'))
    instance = waiters.wait_for_status(trove, restored['id'],
                                       ['ACTIVE', 'ERROR'], timeout=240)
    assert instance.status == 'ACTIVE', getattr(instance, 'fault', None)
    assert len(_trove_servers(cli)) == 2
    [address] = [entry['address'] for entry in instance.addresses]
    connection = pymysql.connect(host=address, user='app',
                                 password='app-pass', database='appdb',
                                 connect_timeout=10)
    with connection, connection.cursor() as cursor:
        cursor.execute('SELECT COUNT(*), MIN(body) FROM notes')
        count, first = cursor.fetchone()
    assert count == 1000 and first.startswith('note 0 ')
    return restored['id']


def _resize_flavor(cli, trove, instance_id, server_id, address):
    """Trove's resize is Nova's resize and confirm (to the same host: the
    cloud has one); the server has the new flavor, the data stayed."""
    result = cli('database', 'instance', 'resize', 'flavor', 'nova-db', '3')
    assert result.returncode == 0, result.stderr
    waiters.wait_until(
        lambda: trove.instances.get(instance_id).status != 'ACTIVE',
        timeout=30, what='the resize to begin')
    instance = waiters.wait_for_status(trove, instance_id,
                                       ['ACTIVE', 'ERROR'], timeout=240)
    assert instance.status == 'ACTIVE', getattr(instance, 'fault', None)
    assert instance.flavor['id'] == '3'
    shown = _json(cli('server', 'show', server_id, '-f', 'json',
                      cloud='trove-admin'))
    assert shown['status'] == 'ACTIVE'
    assert 'db.medium' in json.dumps(shown['flavor']), shown['flavor']
    connection = pymysql.connect(host=address, user='app',
                                 password='app-pass', database='appdb',
                                 connect_timeout=10)
    with connection, connection.cursor() as cursor:
        cursor.execute('SELECT COUNT(*) FROM notes')
        assert cursor.fetchone() == (1000,)


def test_seed_flow_on_nova(cloud_deployment):
    nova_deployment = cloud_deployment

    def cli(*args, cloud='trove'):
        return nova_deployment.cli(*args, cloud=cloud)
    trove = nova_deployment.client('trove')
    version = trove.datastore_versions.list('mariadb')[0].name
    created = _json(cli(
        'database', 'instance', 'create', 'nova-db', '--flavor', '2',
        '--size', '1', '--datastore', 'mariadb', '--datastore-version',
        version, '-f', 'json'))
    instance = waiters.wait_for_status(trove, created['id'],
                                       ['ACTIVE', 'ERROR'], timeout=240)
    assert instance.status == 'ACTIVE', '%s\n%s' % (
        (getattr(instance, 'fault', None) or {}).get('message'),
        _log_tail(nova_deployment))

    # A Nova server of Trove's service project, named and tagged for it.
    [server] = _trove_servers(cli)
    assert server['Name'] == 'trove-%s' % created['id']
    assert server['Status'] == 'ACTIVE'
    shown = _json(cli('server', 'show', server['ID'], '-f', 'json',
                      cloud='trove-admin'))
    assert shown['properties']['trove_instance_id'] == created['id']
    assert shown['properties']['trove_project_id'] == \
        nova_deployment.project_id('trove')
    assert {'trove_instance', 'trove_mariadb'} <= set(shown['tags'])
    # Its address is the one Nova gave it on the management network.
    [address] = [entry['address'] for entry in instance.addresses]
    assert address in json.dumps(shown['addresses'])

    assert cli('database', 'db', 'create', 'nova-db', 'appdb'
               ).returncode == 0
    result = cli('database', 'user', 'create', 'nova-db', 'app', 'app-pass',
                 '--databases', 'appdb')
    assert result.returncode == 0, result.stderr
    assert 'app' in [u['Name'] for u in _json(cli(
        'database', 'user', 'list', 'nova-db', '-f', 'json'))]
    # What the seed's user does next: the engine's own client, at the
    # instance's address.
    connection = pymysql.connect(host=address, user='app',
                                 password='app-pass', database='appdb',
                                 connect_timeout=10)
    with connection, connection.cursor() as cursor:
        cursor.execute('SELECT DATABASE()')
        assert cursor.fetchone() == ('appdb',)
        cursor.execute('CREATE TABLE notes (body TEXT)')
        cursor.executemany('INSERT INTO notes VALUES (%s)',
                           [('note %d ' % n + 'x' * 2000,)
                            for n in range(1000)])
        connection.commit()

    restored_id = _backup_and_restore(cli, trove, version)
    _resize_flavor(cli, trove, created['id'], server['ID'], address)
    for instance_id, name in ((restored_id, 'nova-restored'),
                              (created['id'], 'nova-db')):
        result = cli('database', 'instance', 'delete', name)
        assert result.returncode == 0, result.stderr
        waiters.wait_until_gone(trove, instance_id, timeout=120)
    assert _trove_servers(cli) == []
    ports = _json(cli('port', 'list', '-f', 'json', cloud='trove-admin'))
    assert [port for port in ports
            if port['Name'] == 'trove-%s' % created['id']] == []
    # (Neutron shows the admin every project's groups.)
    groups = _json(cli('security', 'group', 'list', '-f', 'json',
                       cloud='trove-admin'))
    assert [group for group in groups
            if group['Name'] == 'trove-%s' % created['id']] == []
