"""The overview's process flow for MariaDB, through python-troveclient and
a real login with the created user."""
import os

import pymysql
import pytest
from troveclient import exceptions

from trove.tests.functional import waiters

USERS = [{'name': 'myuser', 'password': 'mypass',
          'databases': [{'name': 'mydb'}]}]


@pytest.fixture(scope='module')
def mariadb_version(trove):
    versions = trove.datastore_versions.list('mariadb')
    assert versions, 'quickstart registered no MariaDB version'
    return versions[0].name


@pytest.fixture(scope='module')
def small_flavor(trove):
    return [f for f in trove.flavors.list() if f.name == 'db.small'][0]


@pytest.fixture(scope='module')
def active_instance(trove, mariadb_version, small_flavor):
    instance = trove.instances.create(
        'db1', small_flavor.id, volume={'size': 1}, datastore='mariadb',
        datastore_version=mariadb_version, databases=[{'name': 'mydb'}],
        users=USERS)
    assert instance.status == 'BUILD'
    yield waiters.wait_for_status(trove, instance.id, ['ACTIVE', 'ERROR'])
    try:
        trove.instances.delete(instance.id)
        waiters.wait_until_gone(trove, instance.id)
    except exceptions.NotFound:
        pass


def test_instance_becomes_active_with_an_address(active_instance):
    assert active_instance.status == 'ACTIVE'
    assert active_instance.operating_status == 'HEALTHY'
    assert active_instance.ip[0].startswith('127.88.')


def test_user_logs_in_and_creates_tables_in_mydb(active_instance):
    conn = pymysql.connect(host=active_instance.ip[0], port=3306,
                           user='myuser', password='mypass', database='mydb')
    with conn.cursor() as cursor:
        cursor.execute('CREATE TABLE t (id INT PRIMARY KEY, v TEXT)')
        cursor.execute("INSERT INTO t VALUES (1, 'one')")
        cursor.execute('SELECT v FROM t')
        assert cursor.fetchall() == (('one',),)
        # Granted on mydb only: no other database for this user.
        with pytest.raises(pymysql.err.OperationalError) as refused:
            cursor.execute('CREATE DATABASE other')
        assert refused.value.args[0] == 1044
    conn.close()


def test_wrong_password_is_refused(active_instance):
    with pytest.raises(pymysql.err.OperationalError) as refused:
        pymysql.connect(host=active_instance.ip[0], user='myuser',
                        password='wrong', database='mydb')
    assert refused.value.args[0] == 1045


def test_instance_is_listed(trove, active_instance):
    assert active_instance.id in [i.id for i in trove.instances.list()]


def test_other_project_cannot_see_the_instance(deployment, active_instance):
    other = deployment.client(project='someone-else')
    assert active_instance.id not in [i.id for i in other.instances.list()]
    with pytest.raises(exceptions.NotFound):
        other.instances.get(active_instance.id)
    with pytest.raises(exceptions.NotFound):
        other.instances.delete(active_instance.id)


def test_delete_removes_everything(deployment, trove, mariadb_version,
                                   small_flavor):
    instance = trove.instances.create(
        'db-delete', small_flavor.id, volume={'size': 1},
        datastore='mariadb', datastore_version=mariadb_version,
        databases=[{'name': 'mydb'}], users=USERS)
    instance = waiters.wait_for_status(trove, instance.id, ['ACTIVE'])
    address = instance.ip[0]
    trove.instances.delete(instance.id)
    waiters.wait_until_gone(trove, instance.id)
    assert instance.id not in [i.id for i in trove.instances.list()]
    instance_dir = os.path.join(deployment.state_dir, 'instances',
                                instance.id)
    assert not os.path.exists(instance_dir)
    with pytest.raises(pymysql.err.OperationalError):
        pymysql.connect(host=address, user='myuser', password='mypass',
                        connect_timeout=2)


def test_delete_while_building_cleans_up(deployment, trove, mariadb_version,
                                         small_flavor):
    instance = trove.instances.create(
        'db-early-delete', small_flavor.id, volume={'size': 1},
        datastore='mariadb', datastore_version=mariadb_version)
    trove.instances.delete(instance.id)
    waiters.wait_until_gone(trove, instance.id)
    assert not os.path.exists(os.path.join(deployment.state_dir, 'instances',
                                           instance.id))
