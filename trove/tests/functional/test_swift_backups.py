"""Backups and restores in a real Swift (TROVE_BACKUP_STORAGE=swift: the
quickstart's own Swift behind its own Keystone), used as a user would with
the openstack CLI: the backup's manifest, segments and metadata are seen in
the container database_backups of Trove's backup account, their bytes are
encrypted, a restore brings the rows back, a delete removes the objects;
a proxy refusing an upload or Swift stopped fails the backup cleanly."""
import hashlib
import json
import os
import signal
import subprocess
import tempfile

import pymysql
import pytest

from trove.tests.functional import deployment as deployment_module
from trove.tests.functional import keystone_deployment
from trove.tests.functional import waiters

SWIFT_PORT = 18870
SEGMENT_SIZE = 1024 * 1024  # the smallest allowed: a backup of a few MB
MARKER = 'Ada Lovelace, 12 Analytical Engine Street, account 8814-2207'
CONTAINER = 'database_backups'
BACKUPS_CLOUD = 'trove-backups'


class SwiftDeployment(keystone_deployment.KeystoneDeployment):

    def __init__(self):
        super().__init__(
            api_port=18859, rabbit_port=5727, keystone_port=18865,
            address_pool='127.81.0.0/16', cgroup_prefix='trove-functional-sw',
            prefix='trove-functional-sw-',
            settings=dict(TROVE_BACKUP_STORAGE='swift',
                          TROVE_SWIFT_PORT=str(SWIFT_PORT),
                          TROVE_SWIFT_SEGMENT_SIZE=str(SEGMENT_SIZE)))


@pytest.fixture(scope='module')
def cloud():
    deployment = SwiftDeployment()
    with deployment.running():
        yield deployment


def openstack(cloud, *args, account='trove'):
    """The CLI's JSON answer (``account``: a cloud of clouds.yaml)."""
    result = cloud.cli(*(args + ('-f', 'json')), cloud=account)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout) if result.stdout.strip() else None


def act(cloud, *args, account='trove'):
    """A CLI command that answers nothing (set, unset, delete)."""
    result = cloud.cli(*args, cloud=account)
    assert result.returncode == 0, result.stderr


def objects(cloud):
    return sorted(row['Name'] for row in openstack(
        cloud, 'object', 'list', CONTAINER, account=BACKUPS_CLOUD))


def objects_of(cloud, backup_id):
    return [name for name in objects(cloud) if name.startswith(backup_id)]


def _mysql(instance_ip, sql, *params):
    connection = pymysql.connect(host=instance_ip, user='bk',
                                 password='bk-pass', database='shop',
                                 autocommit=True)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params or None)
            return cursor.fetchall()
    finally:
        connection.close()


def _rows(instance_ip):
    """What a user would compare: the marker row and a digest of the
    incompressible blobs."""
    digest = hashlib.sha256()
    for (data,) in _mysql(instance_ip, 'SELECT data FROM blobs ORDER BY id'):
        digest.update(data)
    return (_mysql(instance_ip, 'SELECT id, note FROM customers'),
            digest.hexdigest())


def create_instance(cloud, name, *extra):
    flavor = [f['ID'] for f in openstack(cloud, 'database', 'flavor', 'list')
              if f['Name'] == 'db.small'][0]
    created = openstack(cloud, 'database', 'instance', 'create', name,
                        '--flavor', str(flavor), '--size', '1',
                        '--datastore', 'mariadb',
                        '--datastore-version', _version(cloud), *extra)
    instance = waiters.wait_for_status(cloud.client(), created['id'],
                                       ['ACTIVE', 'ERROR'], timeout=180)
    assert instance.status == 'ACTIVE', getattr(instance, 'fault', None)
    return instance


def _version(cloud):
    return cloud.client().datastore_versions.list('mariadb')[0].name


def backup_until_done(cloud, instance, name):
    backup = openstack(cloud, 'database', 'backup', 'create', name,
                       '--instance', instance.id)
    shown = waiters.wait_until(
        lambda: (lambda b: b if b['status'] in ('COMPLETED', 'FAILED')
                 else None)(openstack(cloud, 'database', 'backup', 'show',
                                      backup['id'])),
        timeout=180, interval=0.5, what='backup %s ending' % name)
    waiters.wait_for_status(cloud.client(), instance.id, ['ACTIVE'],
                            timeout=90)
    return shown


def delete_instance(cloud, instance):
    cloud.client().instances.delete(instance.id)
    waiters.wait_until_gone(cloud.client(), instance.id)


@pytest.fixture(scope='module')
def source(cloud):
    """A MariaDB instance with a row of text and 3 MB of random bytes: a
    backup of several 1 MB segments."""
    instance = create_instance(cloud, 'sw-source', '--database', 'shop',
                               '--users', 'bk:bk-pass')
    ip = instance.ip[0]
    _mysql(ip, 'CREATE TABLE customers (id INT PRIMARY KEY, note TEXT)')
    _mysql(ip, 'INSERT INTO customers VALUES (1, %s)', MARKER)
    _mysql(ip, 'CREATE TABLE blobs (id INT PRIMARY KEY, data BLOB)')
    _mysql(ip, 'INSERT INTO blobs SELECT seq, RANDOM_BYTES(1024) '
               'FROM seq_1_to_3000')
    yield instance
    delete_instance(cloud, instance)


@pytest.fixture(scope='module')
def backup(cloud, source):
    shown = backup_until_done(cloud, source, 'sw-full')
    assert shown['status'] == 'COMPLETED', shown.get('fault')
    return shown, _rows(source.ip[0])


def test_backup_is_in_the_backup_accounts_container(cloud, backup):
    shown, _ = backup
    assert shown['storage_driver'] == 'swift'
    assert shown['locationRef'].startswith(
        'http://127.0.0.1:%d/v1/AUTH_' % SWIFT_PORT)
    containers = openstack(cloud, 'container', 'list', account=BACKUPS_CLOUD)
    assert CONTAINER in [row['Name'] for row in containers]
    name = shown['locationRef'].rsplit('/', 1)[1]
    stored = objects_of(cloud, shown['id'])
    assert name in stored and name + '.meta.json' in stored
    segments = [n for n in stored if n.startswith(name + '_segments/')]
    assert len(segments) >= 3  # 3 MB of random bytes, 1 MB segments
    # The user's own project has no such container: the objects are
    # Trove's, the backup row is the user's.
    assert CONTAINER not in [row['Name'] for row in openstack(
        cloud, 'container', 'list')]


def _download(cloud, name, scratch):
    path = os.path.join(scratch, name.replace('/', '_'))
    result = cloud.cli('object', 'save', '--file', path, CONTAINER, name,
                       cloud=BACKUPS_CLOUD)
    assert result.returncode == 0, result.stderr
    with open(path, 'rb') as f:
        return f.read()


def test_stored_bytes_are_encrypted(cloud, backup):
    shown, _ = backup
    name = shown['locationRef'].rsplit('/', 1)[1]
    with tempfile.TemporaryDirectory() as scratch:
        data = _download(cloud, name, scratch)
        meta = _download(cloud, name + '.meta.json', scratch)
    for stored in (data, meta):
        assert MARKER.encode() not in stored
        assert b'Lovelace' not in stored
    # Whole (the manifest's segments joined): the backup's size, and not
    # a bare zstd stream (its magic number) but ciphertext.
    assert len(data) > 3 * SEGMENT_SIZE * 0.9
    assert not data.startswith(b'\x28\xb5\x2f\xfd')
    # Beside it, what a restore needs with the master key alone: the
    # data key, wrapped, never in the clear.
    meta = json.loads(meta)
    assert meta['checksum'] == shown['checksum'] and meta['wrapped_key']


def test_restore_reads_the_rows_back(cloud, source, backup):
    shown, rows = backup
    restored = create_instance(cloud, 'sw-restored', '--backup', shown['id'])
    try:
        assert _rows(restored.ip[0]) == rows
        assert rows[0] == ((1, MARKER),)
    finally:
        delete_instance(cloud, restored)


def test_refused_upload_fails_the_backup_and_leaves_nothing(cloud, source,
                                                            backup):
    """The proxy refuses the third segment (the container's quota):
    FAILED with Swift's answer, the instance ACTIVE, no segment left."""
    used = int(openstack(cloud, 'container', 'show', CONTAINER,
                         account=BACKUPS_CLOUD)['bytes_used'])
    quota = used + int(2.5 * SEGMENT_SIZE)
    act(cloud, 'container', 'set', '--property',
        'Quota-Bytes=%d' % quota, CONTAINER, account=BACKUPS_CLOUD)
    try:
        shown = backup_until_done(cloud, source, 'sw-refused')
    finally:
        act(cloud, 'container', 'unset', '--property', 'Quota-Bytes',
            CONTAINER, account=BACKUPS_CLOUD)
    assert shown['status'] == 'FAILED'
    assert '413' in shown['fault'] and 'quota' in shown['fault']
    assert cloud.client().instances.get(source.id).status == 'ACTIVE'
    assert objects_of(cloud, shown['id']) == []
    act(cloud, 'database', 'backup', 'delete', shown['id'])


def test_swift_stopped_fails_the_backup_and_a_retry_works(cloud, source,
                                                          backup):
    proxy = cloud.pid('swift-proxy')
    assert proxy is not None
    os.kill(proxy, signal.SIGTERM)
    waiters.wait_until(lambda: cloud.pid('swift-proxy') is None, timeout=20,
                       what='the Swift proxy stopping')
    try:
        shown = backup_until_done(cloud, source, 'sw-no-swift')
    finally:
        cloud.start()  # the quickstart starts again what is not running
    assert cloud.pid('swift-proxy') is not None
    assert shown['status'] == 'FAILED'
    assert 'Connection refused' in shown['fault']
    assert str(SWIFT_PORT) in shown['fault']
    assert cloud.client().instances.get(source.id).status == 'ACTIVE'
    assert objects_of(cloud, shown['id']) == []
    retried = backup_until_done(cloud, source, 'sw-retry')
    assert retried['status'] == 'COMPLETED', retried.get('fault')
    act(cloud, 'database', 'backup', 'delete', retried['id'])
    _wait_backup_gone(cloud, retried['id'])
    act(cloud, 'database', 'backup', 'delete', shown['id'])


def _wait_backup_gone(cloud, backup_id):
    def gone():
        listed = openstack(cloud, 'database', 'backup', 'list')
        return backup_id not in [row['ID'] for row in listed]
    waiters.wait_until(gone, timeout=60, interval=0.5,
                       what='backup %s gone' % backup_id)


def test_delete_removes_the_objects(cloud, backup):
    shown, _ = backup
    assert objects_of(cloud, shown['id'])
    act(cloud, 'database', 'backup', 'delete', shown['id'])
    _wait_backup_gone(cloud, shown['id'])  # once its objects are removed
    assert objects_of(cloud, shown['id']) == []


@pytest.mark.parametrize('settings, message', [
    (dict(TROVE_BACKUP_STORAGE='swift'),
     'TROVE_BACKUP_STORAGE=swift needs TROVE_AUTH=keystone'),
    (dict(TROVE_BACKUP_STORAGE='s3', TROVE_AUTH='keystone'),
     'TROVE_BACKUP_STORAGE is local or swift, not s3'),
])
def test_quickstart_refuses_settings_that_disagree(tmp_path, settings,
                                                   message):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith('TROVE_')}
    env.update(settings, TROVE_STATE_DIR=str(tmp_path / 'state'))
    result = subprocess.run([deployment_module.QUICKSTART,
                             'start'], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    assert message in result.stderr
    assert not (tmp_path / 'state' / 'trove.conf').exists()
