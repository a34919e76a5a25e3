"""A PostgreSQL instance through python-troveclient and the real service:
created with a database and a user, a real login, then deleted."""
import os

import psycopg2
import pytest
from troveclient import exceptions

from trove.tests.functional import waiters

USERS = [{'name': 'myuser', 'password': 'mypass',
          'databases': [{'name': 'mydb'}]}]


@pytest.fixture(scope='module')
def postgresql_version(trove):
    versions = trove.datastore_versions.list('postgresql')
    assert versions, 'quickstart registered no PostgreSQL version'
    return versions[0].name


@pytest.fixture(scope='module')
def active_instance(trove, postgresql_version):
    flavor = [f for f in trove.flavors.list() if f.name == 'db.small'][0]
    instance = trove.instances.create(
        'pg1', flavor.id, volume={'size': 1}, datastore='postgresql',
        datastore_version=postgresql_version, databases=[{'name': 'mydb'}],
        users=USERS)
    yield waiters.wait_for_status(trove, instance.id, ['ACTIVE', 'ERROR'])
    try:
        trove.instances.delete(instance.id)
        waiters.wait_until_gone(trove, instance.id)
    except exceptions.NotFound:
        pass


def _connect(instance, user='myuser', password='mypass', database='mydb'):
    connection = psycopg2.connect(host=instance.ip[0], port=5432, user=user,
                                  password=password, dbname=database,
                                  connect_timeout=5)
    connection.autocommit = True
    return connection


def test_instance_becomes_active(active_instance):
    assert active_instance.status == 'ACTIVE', getattr(
        active_instance, 'fault', None)
    assert active_instance.operating_status == 'HEALTHY'
    assert active_instance.datastore['type'] == 'postgresql'


def test_user_logs_in_and_creates_tables_in_mydb(active_instance):
    connection = _connect(active_instance)
    with connection.cursor() as cur:
        cur.execute('CREATE TABLE t (id INT PRIMARY KEY, v TEXT)')
        cur.execute("INSERT INTO t VALUES (1, 'one')")
        cur.execute('SELECT v FROM t')
        assert cur.fetchall() == [('one',)]
    connection.close()
    with pytest.raises(psycopg2.OperationalError):
        _connect(active_instance, password='wrong')


def test_databases_and_users_are_listed(trove, active_instance):
    assert 'mydb' in [db.name for db in trove.databases.list(active_instance)]
    assert 'myuser' in [u.name for u in trove.users.list(active_instance)]


def test_delete_removes_everything(deployment, trove, active_instance):
    trove.instances.delete(active_instance.id)
    waiters.wait_until_gone(trove, active_instance.id)
    assert not os.path.exists(os.path.join(
        deployment.state_dir, 'instances', active_instance.id))
    with pytest.raises(psycopg2.OperationalError):
        _connect(active_instance)
