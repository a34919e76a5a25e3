"""Restart, resize and self-healing of a real MariaDB instance, checked in
the engine, the cgroup and the filesystem."""
import os
import signal

import psutil
import pymysql
import pytest

from trove.tests.functional import deployment as deployment_module
from trove.tests.functional import waiters

USERS = [{'name': 'life', 'password': 'life-pass',
          'databases': [{'name': 'lifedb'}]}]


def _connect(instance):
    return pymysql.connect(host=instance.ip[0], user='life',
                           password='life-pass', database='lifedb',
                           autocommit=True)


def _query(instance, sql):
    conn = _connect(instance)
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()
    finally:
        conn.close()


def _memory_limit_mb(instance_id):
    path = '/sys/fs/cgroup/memory/%s/%s/memory.limit_in_bytes' % (
        deployment_module.CGROUP_PREFIX, instance_id)
    with open(path) as limit:
        return int(limit.read()) // 2 ** 20


@pytest.fixture(scope='module')
def instance(trove):
    version = trove.datastore_versions.list('mariadb')[0].name
    created = trove.instances.create(
        'life', '1', volume={'size': 1}, datastore='mariadb',
        datastore_version=version, databases=[{'name': 'lifedb'}],
        users=USERS)
    active = waiters.wait_for_status(trove, created.id, ['ACTIVE'])
    _query(active, 'CREATE TABLE kept (id INT PRIMARY KEY)')
    _query(active, 'INSERT INTO kept VALUES (1), (2), (3)')
    yield active
    trove.instances.delete(active.id)
    waiters.wait_until_gone(trove, active.id)


def _rows(instance):
    return _query(instance, 'SELECT COUNT(*) FROM kept')[0][0]


def test_restart_goes_through_reboot_and_back(trove, instance):
    trove.instances.restart(instance.id)
    assert trove.instances.get(instance.id).status == 'REBOOT'
    waiters.wait_for_status(trove, instance.id, ['ACTIVE'], timeout=60)
    assert _rows(instance) == 3


def test_resize_flavor_changes_cgroup_and_buffer_pool(trove, instance):
    before = _query(instance, 'SELECT @@innodb_buffer_pool_size')[0][0]
    trove.instances.resize_instance(instance.id, '3')
    assert trove.instances.get(instance.id).status == 'RESIZE'
    resized = waiters.wait_for_status(trove, instance.id, ['ACTIVE'],
                                      timeout=90)
    assert str(resized.flavor['id']) == '3'
    if os.path.isdir('/sys/fs/cgroup/memory/'
                     + deployment_module.CGROUP_PREFIX):
        assert _memory_limit_mb(instance.id) == 1024
    after = _query(instance, 'SELECT @@innodb_buffer_pool_size')[0][0]
    assert after > before
    assert _rows(instance) == 3


def test_resize_volume_grows_filesystem_and_keeps_data(deployment, trove,
                                                       instance):
    trove.instances.resize_volume(instance.id, 2)
    resized = waiters.wait_for_status(trove, instance.id, ['ACTIVE'],
                                      timeout=90)
    assert resized.volume['size'] == 2
    mount = os.path.join(deployment.state_dir, 'instances', instance.id,
                         'volume')
    assert psutil.disk_usage(mount).total > 1.5 * 2 ** 30
    assert _rows(instance) == 3


def test_shrinking_the_volume_is_refused(trove, instance):
    from troveclient import exceptions
    with pytest.raises(exceptions.BadRequest):
        trove.instances.resize_volume(instance.id, 1)


def _engine_pid(deployment, instance):
    mariadbd = [p for p in psutil.process_iter(['name', 'cmdline'])
                if p.info['name'] == 'mariadbd'
                and instance.id in ' '.join(p.info['cmdline'] or [])]
    assert len(mariadbd) == 1
    return mariadbd[0].pid


def test_killed_engine_comes_back_with_its_data(deployment, trove,
                                                instance):
    os.kill(_engine_pid(deployment, instance), signal.SIGKILL)
    waiters.wait_until(lambda: _rows(instance) == 3, timeout=60,
                       interval=0.5, what='the restarted engine has 3 rows',
                       retry_on=pymysql.err.OperationalError)
    assert trove.instances.get(instance.id).status == 'ACTIVE'


def test_killed_guest_agent_is_restarted(deployment, trove, instance):
    pidfile = os.path.join(deployment.control_dir(instance.id),
                           'guestagent.pid')
    with open(pidfile) as handle:
        agent_pid = int(handle.read().split()[0])
    os.kill(agent_pid, signal.SIGKILL)

    def restarted():
        with open(pidfile) as handle:
            return int(handle.read().split()[0]) != agent_pid
    waiters.wait_until(restarted, timeout=60, interval=0.5,
                       what='a new guest agent pid')
    waiters.wait_for_status(trove, instance.id, ['ACTIVE'])
    assert _rows(instance) == 3
