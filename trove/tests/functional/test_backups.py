"""Backups and restores through python-troveclient and the CLI, checked in
the engines: every table of a restored instance has the checksum its
source had when the backup was taken, for MariaDB (full and incremental),
PostgreSQL (full) and Redis (snapshot)."""
import json
import os
import signal

import psycopg2
import pymysql
import pytest
import redis
from troveclient import exceptions

from trove.tests.functional import waiters

USERS = [{'name': 'bk', 'password': 'bk-pass',
          'databases': [{'name': 'shop'}]}]
TABLES = ('customers', 'orders', 'items')


def wait_backup_gone(trove, backup_id, timeout=60):
    def gone():
        try:
            trove.backups.get(backup_id)
        except exceptions.NotFound:
            return True
    waiters.wait_until(gone, timeout, what='backup %s gone' % backup_id)


def _flavor(trove):
    return [f for f in trove.flavors.list() if f.name == 'db.small'][0].id


def _version(trove, datastore):
    versions = trove.datastore_versions.list(datastore)
    if not versions:
        pytest.skip('%s is not installed here' % datastore)
    return versions[0].name


def _create(trove, name, datastore, backup=None, users=True):
    kwargs = {}
    if users:
        kwargs = dict(databases=[{'name': 'shop'}], users=USERS)
    if backup is not None:
        kwargs = dict(restorePoint={'backupRef': backup})
    created = trove.instances.create(
        name, _flavor(trove), volume={'size': 1}, datastore=datastore,
        datastore_version=_version(trove, datastore), **kwargs)
    instance = waiters.wait_for_status(trove, created.id,
                                       ['ACTIVE', 'ERROR'], timeout=180)
    assert instance.status == 'ACTIVE', getattr(instance, 'fault', None)
    return instance


def _delete(trove, instance):
    try:
        trove.instances.delete(instance.id)
        waiters.wait_until_gone(trove, instance.id)
    except exceptions.NotFound:
        pass


def _stored_objects(deployment):
    root = os.path.join(deployment.state_dir, 'backups', 'database_backups')
    return sorted(os.listdir(root)) if os.path.isdir(root) else []


# MariaDB.

def _mysql(instance, sql, *params):
    connection = pymysql.connect(host=instance.ip[0], user='bk',
                                 password='bk-pass', database='shop',
                                 autocommit=True)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params or None)
            return cursor.fetchall()
    finally:
        connection.close()


def _mysql_checksums(instance):
    names = [row[0] for row in _mysql(instance, 'SHOW TABLES')]
    return {name: _mysql(instance, 'CHECKSUM TABLE `%s`' % name)[0][1]
            for name in sorted(names)}


def _fill_mysql(instance):
    for table in TABLES:
        _mysql(instance, 'CREATE TABLE %s (id INT PRIMARY KEY, name '
                         'VARCHAR(64), amount DECIMAL(10,2), note TEXT) '
                         'ENGINE=InnoDB' % table)
        rows = ', '.join("(%d, 'n%d', %d.25, REPEAT('x', %d))"
                         % (i, i, i, i % 200) for i in range(1, 2001))
        _mysql(instance, 'INSERT INTO %s VALUES %s' % (table, rows))


@pytest.fixture(scope='module')
def mariadb_source(trove):
    instance = _create(trove, 'bk-maria', 'mariadb')
    _fill_mysql(instance)
    yield instance
    _delete(trove, instance)


@pytest.fixture(scope='module')
def mariadb_chain(deployment, trove, mariadb_source):
    """A full backup (made with the CLI), changes, an incremental one, and
    the checksums at each."""
    at_full = _mysql_checksums(mariadb_source)
    result = deployment.cli('database', 'backup', 'create', 'full',
                            '--instance', mariadb_source.id,
                            '--description', 'first', '-f', 'json')
    assert result.returncode == 0, result.stderr
    full_id = json.loads(result.stdout)['id']
    assert trove.instances.get(mariadb_source.id).status in ('BACKUP',
                                                             'ACTIVE')
    full = waiters.wait_for_backup(trove, full_id)
    waiters.wait_for_status(trove, mariadb_source.id, ['ACTIVE'])

    _mysql(mariadb_source, "UPDATE orders SET amount = amount * 2, "
                           "note = 'changed' WHERE id % 7 = 0")
    _mysql(mariadb_source, 'DELETE FROM items WHERE id > 1900')
    _mysql(mariadb_source, "INSERT INTO customers VALUES "
                           "(5000, 'late', 1.00, 'after full')")
    _mysql(mariadb_source, 'CREATE TABLE added (id INT PRIMARY KEY)')
    _mysql(mariadb_source, 'INSERT INTO added VALUES (1), (2), (3)')
    at_incremental = _mysql_checksums(mariadb_source)
    assert at_incremental != at_full
    incremental = trove.backups.create('inc', mariadb_source.id,
                                       incremental=True)
    assert incremental.parent_id == full.id
    incremental = waiters.wait_for_backup(trove, incremental.id)
    waiters.wait_for_status(trove, mariadb_source.id, ['ACTIVE'])
    # Changes after the incremental backup must not be restored.
    _mysql(mariadb_source, 'DELETE FROM orders WHERE id < 100')
    return full, incremental, at_full, at_incremental


def test_mariadb_backups_are_listed_and_shown(deployment, trove,
                                              mariadb_source, mariadb_chain):
    full, incremental, _, _ = mariadb_chain
    assert full.size > 0 and len(full.checksum) == 64
    assert full.locationRef.startswith('file://')
    assert full.datastore['type'] == 'mariadb'
    listed = {b.id for b in trove.backups.list()}
    assert {full.id, incremental.id} <= listed
    assert {b.id for b in trove.instances.backups(mariadb_source.id)} == {
        full.id, incremental.id}
    shown = deployment.cli('database', 'backup', 'show', full.id,
                           '-f', 'json')
    assert json.loads(shown.stdout)['status'] == 'COMPLETED'
    rows = deployment.cli('database', 'backup', 'list', 'instance',
                          mariadb_source.id, '-f', 'json')
    assert len(json.loads(rows.stdout)) == 2


def test_mariadb_incremental_restore_matches_every_table(trove,
                                                         mariadb_chain):
    _, incremental, _, at_incremental = mariadb_chain
    restored = _create(trove, 'bk-maria-inc', 'mariadb',
                       backup=incremental.id)
    try:
        assert _mysql_checksums(restored) == at_incremental
    finally:
        _delete(trove, restored)


def test_mariadb_full_restore_matches_every_table(deployment, trove,
                                                  mariadb_chain):
    full, _, at_full, _ = mariadb_chain
    result = deployment.cli(
        'database', 'instance', 'create', 'bk-maria-full', '--flavor',
        str(_flavor(trove)), '--size', '1', '--datastore', 'mariadb',
        '--datastore-version', _version(trove, 'mariadb'), '--backup',
        full.id, '-f', 'json')
    assert result.returncode == 0, result.stderr
    created = json.loads(result.stdout)['id']
    restored = waiters.wait_for_status(trove, created, ['ACTIVE', 'ERROR'],
                                       timeout=180)
    try:
        assert restored.status == 'ACTIVE'
        assert _mysql_checksums(restored) == at_full
    finally:
        _delete(trove, restored)


def test_restore_into_a_too_small_volume_or_other_datastore_is_400(
        trove, mariadb_chain):
    full = mariadb_chain[0]
    with pytest.raises(exceptions.BadRequest):
        trove.instances.create(
            'wrong', _flavor(trove), volume={'size': 1},
            datastore='postgresql',
            datastore_version=_version(trove, 'postgresql'),
            restorePoint={'backupRef': full.id})


def test_parent_is_deleted_only_after_its_children(deployment, trove,
                                                   mariadb_chain):
    full, incremental, _, _ = mariadb_chain
    with pytest.raises(exceptions.Conflict):
        trove.backups.delete(full.id)
    names = _stored_objects(deployment)
    assert any(name.startswith(incremental.id) for name in names)
    trove.backups.delete(incremental.id)
    wait_backup_gone(trove, incremental.id)
    trove.backups.delete(full.id)
    wait_backup_gone(trove, full.id)
    assert not [name for name in _stored_objects(deployment)
                if name.startswith((full.id, incremental.id))]


def test_killed_guest_fails_the_backup_and_frees_the_instance(
        deployment, trove, mariadb_source, mariadb_chain):
    backup = trove.backups.create('doomed', mariadb_source.id)
    pidfile = os.path.join(deployment.control_dir(mariadb_source.id),
                           'guestagent.pid')
    with open(pidfile) as handle:
        os.kill(int(handle.read().split()[0]), signal.SIGKILL)
    waiters.wait_until(
        lambda: trove.backups.get(backup.id).status not in ('NEW',
                                                            'BUILDING'),
        timeout=60, interval=0.5, what='the backup ending')
    assert trove.backups.get(backup.id).status == 'FAILED'
    waiters.wait_for_status(trove, mariadb_source.id, ['ACTIVE'], timeout=90)
    trove.backups.delete(backup.id)
    wait_backup_gone(trove, backup.id)


# PostgreSQL.

def _pg(instance, sql):
    connection = psycopg2.connect(host=instance.ip[0], user='bk',
                                  password='bk-pass', dbname='shop',
                                  connect_timeout=5)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall() if cursor.description else None
    finally:
        connection.close()


def _pg_checksums(instance):
    tables = [row[0] for row in _pg(
        instance, "SELECT tablename FROM pg_tables WHERE schemaname = "
                  "'public' ORDER BY tablename")]
    return {table: _pg(instance, 'SELECT count(*), md5(string_agg(t::text, '
                                 "',' ORDER BY id)) FROM %s t" % table)[0]
            for table in tables}


def test_postgresql_full_backup_restores_every_table(trove):
    source = _create(trove, 'bk-pg', 'postgresql')
    restored = None
    try:
        for table in TABLES:
            _pg(source, 'CREATE TABLE %s (id INT PRIMARY KEY, name TEXT, '
                        'amount NUMERIC(10,2))' % table)
            _pg(source, "INSERT INTO %s SELECT i, 'n' || i, i * 1.25 "
                        "FROM generate_series(1, 5000) i" % table)
        expected = _pg_checksums(source)
        backup = waiters.wait_for_backup(trove, trove.backups.create(
            'pg-full', source.id).id)
        waiters.wait_for_status(trove, source.id, ['ACTIVE'])
        _pg(source, 'DELETE FROM orders')
        with pytest.raises(exceptions.BadRequest) as raised:
            trove.backups.create('pg-inc', source.id, parent_id=backup.id)
        assert 'incremental backups are not supported by postgresql' in str(
            raised.value)
        assert trove.instances.get(source.id).status == 'ACTIVE'
        restored = _create(trove, 'bk-pg-restored', 'postgresql',
                           backup=backup.id)
        assert _pg_checksums(restored) == expected
        trove.backups.delete(backup.id)
        wait_backup_gone(trove, backup.id)
    finally:
        _delete(trove, source)
        if restored is not None:
            _delete(trove, restored)


# Redis.

def _redis_content(client):
    content = {}
    for key in sorted(client.scan_iter()):
        kind = client.type(key)
        if kind == b'string':
            value = client.get(key)
        elif kind == b'hash':
            value = sorted(client.hgetall(key).items())
        elif kind == b'list':
            value = client.lrange(key, 0, -1)
        else:
            value = sorted(client.smembers(key))
        content[key] = (kind, value)
    return content


def _redis(trove, instance):
    _name, password = trove.root.create(instance)
    return redis.Redis(host=instance.ip[0], port=6379, password=password)


def test_redis_snapshot_restores_every_key(trove):
    source = _create(trove, 'bk-redis', 'redis', users=False)
    restored = None
    try:
        client = _redis(trove, source)
        for i in range(2000):
            client.set('s:%d' % i, os.urandom(64))
        client.hset('h', mapping={'f%d' % i: i for i in range(300)})
        client.rpush('l', *range(500))
        client.sadd('set', *range(100))
        expected = _redis_content(client)
        backup = waiters.wait_for_backup(trove, trove.backups.create(
            'redis-snap', source.id).id)
        waiters.wait_for_status(trove, source.id, ['ACTIVE'])
        client.flushall()
        restored = _create(trove, 'bk-redis-restored', 'redis',
                           backup=backup.id, users=False)
        assert _redis_content(_redis(trove, restored)) == expected
        trove.backups.delete(backup.id)
        wait_backup_gone(trove, backup.id)
    finally:
        _delete(trove, source)
        if restored is not None:
            _delete(trove, restored)
