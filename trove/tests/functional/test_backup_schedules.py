"""Backup schedules on the real deployment: a schedule running every
minute with keep 2 on a small MariaDB instance makes its backups through
the taskmanager's periodic pass (every 2 s here, see deployment.py), and
its retention deletes the oldest, stored object included, leaving two
restorable backups that `openstack database backup list` shows; the API
refuses bad schedules in Trove's fault format."""
import json
import os

import pymysql
import pytest
import requests

from trove.tests.functional import waiters

NAME = 'func-every-minute'
USERS = [{'name': 'sched', 'password': 'sched-pass',
          'databases': [{'name': 'shop'}]}]


def _api(deployment, method, path, body=None, project='demo'):
    return requests.request(
        method, deployment.endpoint(project) + path,
        data=json.dumps(body) if body is not None else None,
        headers={'X-Auth-Token': 'demo',
                 'Content-Type': 'application/json'}, timeout=60)


def _schedule_body(source_id, **fields):
    schedule = {'instance_id': source_id, 'name': NAME,
                'cron': '* * * * *', 'incremental': False, 'keep': 2}
    schedule.update(fields)
    return {'backup_schedule': schedule}


def _flavor(trove):
    return [f for f in trove.flavors.list() if f.name == 'db.small'][0].id


def _create(trove, name, **kwargs):
    created = trove.instances.create(
        name, _flavor(trove), volume={'size': 1}, datastore='mariadb',
        datastore_version=trove.datastore_versions.list('mariadb')[0].name,
        **kwargs)
    instance = waiters.wait_for_status(trove, created.id,
                                       ['ACTIVE', 'ERROR'], timeout=180)
    assert instance.status == 'ACTIVE', getattr(instance, 'fault', None)
    return instance


def _delete(trove, instance):
    trove.instances.delete(instance.id)
    waiters.wait_until_gone(trove, instance.id)


def _rows(instance):
    connection = pymysql.connect(host=instance.ip[0], user='sched',
                                 password='sched-pass', database='shop')
    try:
        with connection.cursor() as cursor:
            cursor.execute('SELECT id FROM t ORDER BY id')
            return [row[0] for row in cursor.fetchall()]
    finally:
        connection.close()


@pytest.fixture(scope='module')
def source(trove):
    instance = _create(trove, 'sched-maria', databases=[{'name': 'shop'}],
                       users=USERS)
    connection = pymysql.connect(host=instance.ip[0], user='sched',
                                 password='sched-pass', database='shop',
                                 autocommit=True)
    with connection.cursor() as cursor:
        cursor.execute('CREATE TABLE t (id INT PRIMARY KEY)')
        cursor.execute('INSERT INTO t VALUES (1), (2), (3)')
    connection.close()
    yield instance
    # A last scheduled backup may still run.
    waiters.wait_for_status(trove, instance.id, ['ACTIVE'], timeout=120)
    _delete(trove, instance)


@pytest.fixture(scope='module')
def schedule(deployment, source):
    """Created first, so that its minutes pass while the refusals run."""
    response = _api(deployment, 'POST', '/backup_schedules',
                    _schedule_body(source.id))
    assert response.status_code == 200, response.text
    created = response.json()['backup_schedule']
    yield created
    _api(deployment, 'DELETE', '/backup_schedules/%s' % created['id'])


@pytest.mark.parametrize('fields, status, fault', [
    ({'cron': '* * * *'}, 400, 'badRequest'),
    ({'cron': '*/0 * * * *'}, 400, 'badRequest'),
    ({'keep': 0}, 400, 'badRequest'),
    ({'instance_id': 'no-such-instance'}, 404, 'itemNotFound'),
])
def test_bad_schedules_are_refused(deployment, source, schedule, fields,
                                   status, fault):
    response = _api(deployment, 'POST', '/backup_schedules',
                    _schedule_body(source.id, **fields))
    assert response.status_code == status, response.text
    assert response.json()[fault]['code'] == status


def test_another_project_sees_neither_the_instance_nor_the_schedule(
        deployment, source, schedule):
    theirs = _api(deployment, 'POST', '/backup_schedules',
                  _schedule_body(source.id), project='someone-else')
    assert theirs.status_code == 404, theirs.text
    shown = _api(deployment, 'GET', '/backup_schedules/%s' % schedule['id'],
                 project='someone-else')
    assert shown.status_code == 404
    assert _api(deployment, 'GET', '/backup_schedules',
                project='someone-else').json()['backup_schedules'] == []
    mine = _api(deployment, 'GET', '/backup_schedules').json()
    assert [s['id'] for s in mine['backup_schedules']] == [schedule['id']]


def _scheduled_backups(trove):
    return [b for b in trove.backups.list() if b.name.startswith(NAME + '-')]


def test_three_runs_leave_the_newest_two_restorable(deployment, trove,
                                                    source, schedule):
    seen = {}    # name -> location of every scheduled backup seen

    def retention_done():
        backups = _scheduled_backups(trove)
        for backup in backups:
            if backup.status == 'COMPLETED':
                seen[backup.name] = backup.locationRef
        return (len(seen) >= 3 and len(backups) == 2
                and all(b.status == 'COMPLETED' for b in backups)
                and backups)

    # The first run comes at the next minute; three take at most 3 min.
    kept = waiters.wait_until(retention_done, timeout=240, interval=1,
                              what='three runs and retention')
    assert {b.name for b in kept} == set(sorted(seen)[-2:])
    deleted_objects = [location for name, location in seen.items()
                       if name not in {b.name for b in kept}]
    waiters.wait_until(
        lambda: not any(os.path.exists(loc[len('file://'):])
                        for loc in deleted_objects),
        timeout=30, what='the deleted backups\' stored objects gone')

    shown = _api(deployment, 'GET', '/backup_schedules/%s'
                 % schedule['id']).json()['backup_schedule']
    assert shown['last_backup_id'] in {b.id for b in kept}
    listed = deployment.cli('database', 'backup', 'list', '-f', 'json')
    assert listed.returncode == 0, listed.stderr
    assert {b['Name'] for b in json.loads(listed.stdout)
            if b['Name'].startswith(NAME + '-')} == {b.name for b in kept}

    oldest_kept = min(kept, key=lambda b: b.name)
    restored = _create(trove, 'sched-restored',
                       restorePoint={'backupRef': oldest_kept.id})
    try:
        assert _rows(restored) == [1, 2, 3]
    finally:
        _delete(trove, restored)


def test_deleting_the_schedule_keeps_its_backups(deployment, trove,
                                                 schedule):
    path = '/backup_schedules/%s' % schedule['id']
    assert _api(deployment, 'DELETE', path).status_code == 202
    assert _api(deployment, 'GET', path).status_code == 404
    assert len(_scheduled_backups(trove)) >= 2
