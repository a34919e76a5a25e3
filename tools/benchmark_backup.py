#!/usr/bin/env python3
"""Backup and restore throughput, per engine, beside the raw pipeline.

Starts a private deployment through tools/quickstart.sh (its own ports and
addresses), fills a MariaDB and a PostgreSQL instance with about 200 MB,
and times, through python-troveclient:

- backup: POST /backups until COMPLETED (the engine's tool, compression,
  encryption, storage, and the read-back checksum verification);
- restore: POST /instances with restorePoint until ACTIVE (provisioning
  included: server, fetch, decrypt, decompress, extract/prepare, start).

In the same run, on the same instance (inside its cgroup: the flavor's
vCPUs and RAM, as the guest has), the raw pipeline an operator would
script: ``mariadb-backup --backup --stream=xbstream | zstd > file`` and
``pg_basebackup -Ft -X fetch -D - | zstd > file``, and back to a server
that answers, as a restore is (``zstd -d | mbstream -x`` +
``mariadb-backup --prepare`` + start; ``zstd -d | tar -x`` + start, which
replays the WAL). MB/s are of the engine's raw stream (the backup's
data_size).

With ``--storage local,swift``, the same backups and restores are timed
again on a second deployment that stores them in its own Swift
(TROVE_AUTH=keystone TROVE_BACKUP_STORAGE=swift), printed side by side.

    .venv/bin/python tools/benchmark_backup.py [--mb 200] [--storage local]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.dirname(TOOLS), TOOLS]

import engine_floors  # noqa: E402
import psycopg2  # noqa: E402
import pymysql  # noqa: E402

from trove.compute.local import cgroup as cgroups  # noqa: E402
from trove.tests.functional import deployment as deployment_module  # noqa
from trove.tests.functional import keystone_deployment  # noqa: E402
from trove.tests.functional import waiters  # noqa: E402

USERS = [{'name': 'bench', 'password': 'bench-pass',
          'databases': [{'name': 'bench'}]}]
FLAVOR = '4'        # db.large: 2 GB RAM, 2 vCPUs
VOLUME_GB = 2
POLL_SECONDS = 0.02


def _mysql(instance, sql):
    connection = pymysql.connect(host=instance.ip[0], user='bench',
                                 password='bench-pass', database='bench',
                                 autocommit=True, read_timeout=600)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


def fill_mariadb(instance, megabytes):
    # ~1 KB of hex digests a row: compresses about as well as real data.
    rows = megabytes * 1000
    _mysql(instance, 'CREATE TABLE data (id INT PRIMARY KEY, payload TEXT)')
    digests = ', '.join('SHA2(seq * %d, 512)' % salt for salt in range(1, 9))
    for start in range(0, rows, 50000):
        _mysql(instance, 'INSERT INTO data SELECT seq, CONCAT(%s) FROM '
                         'seq_%d_to_%d' % (digests, start + 1,
                                           min(rows, start + 50000)))


def fill_postgresql(instance, megabytes):
    connection = psycopg2.connect(host=instance.ip[0], user='bench',
                                  password='bench-pass', dbname='bench')
    connection.autocommit = True
    with connection.cursor() as cur:
        cur.execute('CREATE TABLE data (id INT PRIMARY KEY, payload TEXT)')
        # STORAGE EXTERNAL: no TOAST compression, so the table's size on
        # disk is the size asked for.
        cur.execute('ALTER TABLE data ALTER payload SET STORAGE EXTERNAL')
        cur.execute("INSERT INTO data SELECT i, (SELECT string_agg("
                    "md5((i * j)::text), '') FROM generate_series(1, 32) j) "
                    "FROM generate_series(1, %s) i", (megabytes * 1000,))
    connection.close()


def create(trove, name, engine, version, **kwargs):
    instance = trove.instances.create(
        name, FLAVOR, volume={'size': VOLUME_GB}, datastore=engine,
        datastore_version=version, **kwargs)
    found = waiters.wait_for_status(trove, instance.id, ['ACTIVE', 'ERROR'],
                                    timeout=600, interval=POLL_SECONDS)
    if found.status != 'ACTIVE':
        raise RuntimeError('%s ended %s: %s' % (name, found.status,
                                                getattr(found, 'fault', None)))
    return found


def timed_backup(trove, instance):
    started = time.monotonic()
    backup = trove.backups.create('bench', instance.id)
    while True:
        backup = trove.backups.get(backup.id)
        if backup.status in ('COMPLETED', 'FAILED'):
            break
        time.sleep(POLL_SECONDS)
    elapsed = time.monotonic() - started
    if backup.status != 'COMPLETED':
        raise RuntimeError('backup FAILED')
    waiters.wait_for_status(trove, instance.id, ['ACTIVE'])
    return backup, elapsed


def timed_restore(trove, engine, version, backup):
    started = time.monotonic()
    restored = create(trove, 'bench-restored', engine, version,
                      restorePoint={'backupRef': backup.id})
    return restored, time.monotonic() - started


def confined_to(deployment, instance_id):
    """A preexec_fn that puts a process in the instance's cgroup."""
    root = '/sys/fs/cgroup'
    if os.path.exists(os.path.join(root, 'cgroup.controllers')):
        kind = cgroups.CgroupV2
    else:
        kind = cgroups.CgroupV1
    return kind(root, deployment.cgroup_prefix, instance_id).joiner()


def shell(command, preexec_fn):
    started = time.monotonic()
    subprocess.run(['bash', '-o', 'pipefail', '-c', command], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   preexec_fn=preexec_fn)
    return time.monotonic() - started


def raw_mariadb(base_dir, scratch, confine):
    conf = os.path.join(base_dir, 'mariadb', 'my.cnf')
    sock = os.path.join(base_dir, 'mariadb', 'run', 'mysqld.sock')
    target = os.path.join(scratch, 'xb')
    os.makedirs(target)
    archive = os.path.join(scratch, 'backup.xb.zst')
    backup = shell('mariadb-backup --defaults-file=%s --backup '
                   '--stream=xbstream --user=root --socket=%s '
                   '--target-dir=%s | zstd -q -3 > %s'
                   % (conf, sock, target, archive), confine)
    work, data = engine_floors.workdir('mysql')
    started = time.monotonic()
    shell('zstd -q -d -c %s | mbstream -x -C %s && '
          'mariadb-backup --prepare --target-dir=%s && chown -R mysql: %s'
          % (archive, data, data, data), confine)
    server = engine_floors.start_mariadb(work, data, preexec_fn=confine)
    restore = time.monotonic() - started
    engine_floors.stop(server, work)
    return backup, restore


def raw_postgresql(base_dir, scratch, confine):
    socket_dir = os.path.join(base_dir, 'postgresql', 'run')
    archive = os.path.join(scratch, 'base.tar.zst')
    backup = shell('pg_basebackup -h %s -U postgres -D - -Ft -X fetch '
                   '--checkpoint=fast --no-manifest | zstd -q -3 > %s'
                   % (socket_dir, archive), confine)
    work, data = engine_floors.workdir('postgres')
    started = time.monotonic()
    shell('zstd -q -d -c %s | tar -x -C %s && chown -R postgres: %s && '
          'chmod 700 %s' % (archive, data, data, data), confine)
    server = engine_floors.start_postgresql(work, data, preexec_fn=confine)
    restore = time.monotonic() - started
    engine_floors.stop(server, work)
    return backup, restore


ENGINES = {'mariadb': (fill_mariadb, raw_mariadb),
           'postgresql': (fill_postgresql, raw_postgresql)}


def bench(deployment, trove, engine, megabytes, runs=3, with_raw=True):
    """Medians of ``runs`` backups and restores of one filled instance,
    each run beside the raw pipeline (alternating, so that both meet the
    same state of the host) unless not ``with_raw``."""
    fill, raw = ENGINES[engine]
    version = trove.datastore_versions.list(engine)[0].name
    source = create(trove, 'bench-source', engine, version,
                    databases=[{'name': 'bench'}], users=USERS)
    fill(source, megabytes)
    found = {'backup_s': [], 'raw_backup_s': [], 'restore_s': [],
             'raw_restore_s': []}
    for _ in range(runs):
        backup, backup_seconds = timed_backup(trove, source)
        restored, restore_seconds = timed_restore(trove, engine, version,
                                                  backup)
        stored_mb = trove.backups.get(backup.id).size * 1024  # GB -> MB
        raw_mb = _data_size_mb(deployment, backup.id)
        raw_backup = raw_restore = float('nan')
        if with_raw:
            scratch = tempfile.mkdtemp(prefix='trove-bench-raw-')
            try:
                raw_backup, raw_restore = raw(
                    os.path.join(deployment.instances_dir, source.id),
                    scratch, confined_to(deployment, source.id))
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
        trove.instances.delete(restored.id)
        waiters.wait_until_gone(trove, restored.id, timeout=120)
        trove.backups.delete(backup.id)
        for name, seconds in (('backup_s', backup_seconds),
                              ('raw_backup_s', raw_backup),
                              ('restore_s', restore_seconds),
                              ('raw_restore_s', raw_restore)):
            found[name].append(seconds)
    trove.instances.delete(source.id)
    waiters.wait_until_gone(trove, source.id, timeout=120)
    result = {name: statistics.median(times)
              for name, times in found.items()}
    result.update(raw_mb=raw_mb, stored_mb=stored_mb, runs=found)
    return result


def table_rows(engine, found):
    """(engine, what, MB/s, raw MB/s, ratio) for printing."""
    rate = found['raw_mb']
    return [(engine, 'backup (POST -> COMPLETED)',
             rate / found['backup_s'], rate / found['raw_backup_s'],
             found['raw_backup_s'] / found['backup_s']),
            (engine, 'restore (POST -> ACTIVE)',
             rate / found['restore_s'], rate / found['raw_restore_s'],
             found['raw_restore_s'] / found['restore_s'])]


def _data_size_mb(deployment, backup_id):
    """The engine's raw stream size, from the control DB."""
    import sqlite3
    path = os.path.join(deployment.state_dir, 'trove.sqlite')
    with sqlite3.connect(path) as db:
        (size,) = db.execute('SELECT data_size FROM backups WHERE id = ?',
                             (backup_id,)).fetchone()
    return size / 1e6


def _deployment(storage):
    if storage == 'swift':
        deployment = keystone_deployment.KeystoneDeployment(
            api_port=48789, rabbit_port=5751, keystone_port=48795,
            address_pool='127.94.0.0/16', cgroup_prefix='trove-bench-swift',
            prefix='trove-bb-swift-',
            settings=dict(TROVE_BACKUP_STORAGE='swift',
                          TROVE_SWIFT_PORT='48800'))
        deployment.env['TROVE_BUILD_TIMEOUT'] = '600'
        return deployment
    return deployment_module.Deployment(
        api_port=48779, rabbit_port=5749, address_pool='127.91.0.0/16',
        cgroup_prefix='trove-bench-backup', prefix='trove-bb-',
        build_timeout=600)


def run(storage, engines, megabytes, runs):
    """{engine: found} on a deployment of its own storing in ``storage``;
    the raw pipeline only beside local storage (it is the same there)."""
    deployment = _deployment(storage)
    results = {}
    try:
        deployment.start()
        trove = deployment.client()
        for engine in engines:
            results[engine] = bench(deployment, trove, engine, megabytes,
                                    runs, with_raw=storage == 'local')
    finally:
        deployment.stop()
        deployment.remove()
    return results


def print_storages(results):
    """Seconds (median) of each storage side by side."""
    storages = list(results)
    print('%-11s %-9s %s' % ('engine', 'what', ' '.join(
        '%14s' % ('%s s' % name) for name in storages)))
    for engine in results[storages[0]]:
        for what in ('backup_s', 'restore_s'):
            print('%-11s %-9s %s' % (engine, what[:-2], ' '.join(
                '%14.2f' % results[name][engine][what]
                for name in storages)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--mb', type=int, default=200)
    parser.add_argument('--engines', default='mariadb,postgresql')
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--storage', default='local',
                        help='local, swift or local,swift')
    args = parser.parse_args()
    engines = args.engines.split(',')
    by_storage = {storage: run(storage, engines, args.mb, args.runs)
                  for storage in args.storage.split(',')}
    results = by_storage.get('local')
    if results:
        print('%-11s %-28s %10s %12s %7s' % ('engine', 'what', 'MB/s',
                                             'raw MB/s', 'ratio'))
        for engine, found in results.items():
            for row in table_rows(engine, found):
                print('%-11s %-28s %10.1f %12.1f %6.2fx' % row)
            print('  %s: %.0f MB raw, %.0f MB stored' % (
                engine, found['raw_mb'], found['stored_mb']))
    if len(by_storage) > 1 or 'local' not in by_storage:
        print_storages(by_storage)
        for storage, found in by_storage.items():
            for engine, figures in found.items():
                print('  %s on %s: %.0f MB raw, %.0f MB stored' % (
                    engine, storage, figures['raw_mb'],
                    figures['stored_mb']))


if __name__ == '__main__':
    main()
