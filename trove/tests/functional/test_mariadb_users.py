"""Databases, users, user access and root of an ACTIVE MariaDB instance,
driven through python-troveclient and the `openstack database` CLI, each
effect checked the way a user sees it: a real login with PyMySQL."""
import json
import os

import pymysql
import pytest
from troveclient import exceptions

from trove.tests.functional import waiters

# Passwords the tests below set, searched for in logs and the control DB.
PASSWORDS = ('checker-pass', 'alice-pass', 'alice-new', 'chosen-pass',
             'cli-pass', 'cli-pass-2')

# Error numbers of a refused login or database.
ACCESS_DENIED = (1044, 1045, 1698, 1130)
UNKNOWN_DATABASE = 1049


@pytest.fixture(scope='module')
def instance(trove):
    version = trove.datastore_versions.list('mariadb')[0].name
    flavor = [f for f in trove.flavors.list() if f.name == 'db.small'][0]
    created = trove.instances.create(
        'users-db', flavor.id, volume={'size': 1}, datastore='mariadb',
        datastore_version=version)
    active = waiters.wait_for_status(trove, created.id, ['ACTIVE', 'ERROR'])
    assert active.status == 'ACTIVE'
    yield active
    try:
        trove.instances.delete(created.id)
        waiters.wait_until_gone(trove, created.id)
    except exceptions.NotFound:
        pass


def _connect(instance, user, password, database=None):
    return pymysql.connect(host=instance.ip[0], port=3306, user=user,
                           password=password, database=database,
                           connect_timeout=5)


def _query(instance, user, password, statement, database=None):
    connection = _connect(instance, user, password, database)
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
            return cursor.fetchall()
    finally:
        connection.close()


def _refused(instance, user, password, database=None,
             codes=ACCESS_DENIED):
    with pytest.raises(pymysql.err.OperationalError) as error:
        _connect(instance, user, password, database).close()
    assert error.value.args[0] in codes, error.value


def _user_names(trove, instance):
    return {(u.name, u.host) for u in trove.users.list(instance.id)}


def test_databases_are_created_listed_and_deleted(trove, instance):
    trove.databases.create(instance.id, [
        {'name': 'appdb', 'character_set': 'utf8mb4',
         'collate': 'utf8mb4_bin'}, {'name': 'dropme'}])
    listed = {d.name: d for d in trove.databases.list(instance.id)}
    assert {'appdb', 'dropme'} <= set(listed)
    assert listed['appdb'].character_set == 'utf8mb4'
    assert listed['appdb'].collate == 'utf8mb4_bin'
    assert not {'mysql', 'information_schema', 'sys'} & set(listed)
    trove.users.create(instance.id, [
        {'name': 'checker', 'password': 'checker-pass',
         'databases': [{'name': 'appdb'}, {'name': 'dropme'}]}])
    assert _query(instance, 'checker', 'checker-pass', 'SELECT DATABASE()',
                  database='dropme') == (('dropme',),)

    trove.databases.delete(instance.id, 'dropme')
    assert 'dropme' not in [d.name for d in trove.databases.list(
        instance.id)]
    _refused(instance, 'checker', 'checker-pass', 'dropme',
             codes=ACCESS_DENIED + (UNKNOWN_DATABASE,))
    trove.users.delete(instance.id, 'checker')


def test_database_errors(trove, instance):
    with pytest.raises(exceptions.BadRequest) as error:
        trove.databases.create(instance.id, [{'name': 'mysql'}])
    assert 'mysql' in str(error.value)
    with pytest.raises(exceptions.BadRequest):
        trove.databases.create(instance.id, [{'name': 'a/b'}])
    with pytest.raises(exceptions.NotFound):
        trove.databases.delete(instance.id, 'no_such_db')


def test_user_lifecycle(trove, instance):
    trove.databases.create(instance.id, [{'name': 'alicedb'},
                                         {'name': 'alicedb2'}])
    trove.users.create(instance.id, [
        {'name': 'alice', 'password': 'alice-pass',
         'databases': [{'name': 'alicedb'}]}])
    assert ('alice', '%') in _user_names(trove, instance)
    shown = trove.users.get(instance.id, 'alice')
    assert (shown.name, shown.host) == ('alice', '%')
    assert shown.databases == [{'name': 'alicedb'}]
    _query(instance, 'alice', 'alice-pass', 'CREATE TABLE t (id INT)',
           database='alicedb')

    # Grant, then revoke: the revoked database refuses her.
    trove.users.grant(instance.id, 'alice', ['alicedb2'])
    assert [d.name for d in trove.users.list_access(
        instance.id, 'alice')] == ['alicedb', 'alicedb2']
    _query(instance, 'alice', 'alice-pass', 'SELECT 1', database='alicedb2')
    trove.users.revoke(instance.id, 'alice', 'alicedb')
    assert [d.name for d in trove.users.list_access(
        instance.id, 'alice')] == ['alicedb2']
    _refused(instance, 'alice', 'alice-pass', 'alicedb')
    _query(instance, 'alice', 'alice-pass', 'SELECT 1', database='alicedb2')

    # A new password: only the new one logs in.
    trove.users.change_passwords(instance.id, [
        {'name': 'alice', 'password': 'alice-new'}])
    _refused(instance, 'alice', 'alice-pass')
    _query(instance, 'alice', 'alice-new', 'SELECT 1')

    # Renamed (with a new password): only the new name logs in, and keeps
    # her access.
    trove.users.update_attributes(instance.id, 'alice',
                                  {'name': 'alice.b', 'password': 'p3'},
                                  hostname='%')
    _refused(instance, 'alice', 'alice-new')
    assert _query(instance, 'alice.b', 'p3', 'SELECT DATABASE()',
                  database='alicedb2') == (('alicedb2',),)
    with pytest.raises(exceptions.NotFound):
        trove.users.get(instance.id, 'alice')
    assert trove.users.get(instance.id, 'alice.b', hostname='%').databases \
        == [{'name': 'alicedb2'}]

    trove.users.delete(instance.id, 'alice.b')
    _refused(instance, 'alice.b', 'p3')
    assert ('alice.b', '%') not in _user_names(trove, instance)


def test_user_errors(trove, instance):
    trove.users.create(instance.id, [{'name': 'bob', 'password': 'b'}])
    with pytest.raises(exceptions.ClientException) as error:
        trove.users.create(instance.id, [{'name': 'bob', 'password': 'b'}])
    assert error.value.http_status == 409
    with pytest.raises(exceptions.BadRequest) as error:
        trove.users.create(instance.id, [{'name': 'root', 'password': 'r'}])
    assert 'root' in str(error.value)
    with pytest.raises(exceptions.NotFound):
        trove.users.get(instance.id, 'nobody')
    with pytest.raises(exceptions.NotFound):
        trove.users.revoke(instance.id, 'bob', 'appdb')
    with pytest.raises(exceptions.NotFound):
        trove.users.grant(instance.id, 'bob', ['no_such_db'])
    trove.users.delete(instance.id, 'bob')


def test_root_logs_in_over_tcp_only_while_enabled(trove, instance):
    assert trove.root.is_root_enabled(instance.id).rootEnabled is False
    _refused(instance, 'root', '')
    name, password = trove.root.create(instance.id)
    assert name == 'root' and len(password) >= 20
    databases = {row[0] for row in _query(instance, 'root', password,
                                          'SHOW DATABASES')}
    assert 'mysql' in databases
    assert trove.root.is_root_enabled(instance.id).rootEnabled is True

    # Enabling again sets a chosen password; the old one stops working.
    assert trove.root.create_instance_root(instance.id, 'chosen-pass') == (
        'root', 'chosen-pass')
    _refused(instance, 'root', password)
    _query(instance, 'root', 'chosen-pass', 'SELECT 1')

    trove.root.delete(instance.id)
    _refused(instance, 'root', 'chosen-pass')
    # "Was root ever enabled" stays true.
    assert trove.root.is_root_enabled(instance.id).rootEnabled is True


def _cli(deployment, *args):
    result = deployment.cli('database', *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _cli_json(deployment, *args):
    return json.loads(_cli(deployment, *(args + ('-f', 'json'))))


def test_cli(deployment, trove, instance):
    _cli(deployment, 'db', 'create', 'users-db', 'clidb',
         '--character_set', 'utf8mb4')
    assert 'clidb' in [d['Name'] for d in _cli_json(
        deployment, 'db', 'list', 'users-db')]
    _cli(deployment, 'user', 'create', 'users-db', 'cliuser', 'cli-pass',
         '--databases', 'clidb')
    users = _cli_json(deployment, 'user', 'list', 'users-db')
    assert {'Name': 'cliuser', 'Host': '%', 'Databases': 'clidb'} in users
    shown = _cli_json(deployment, 'user', 'show', 'users-db', 'cliuser')
    assert (shown['name'], shown['host']) == ('cliuser', '%')
    _query(instance, 'cliuser', 'cli-pass', 'SELECT 1', database='clidb')

    _cli(deployment, 'db', 'create', 'users-db', 'clidb2')
    _cli(deployment, 'user', 'grant', 'access', 'users-db', 'cliuser',
         'clidb2')
    access = _cli_json(deployment, 'user', 'show', 'access', 'users-db',
                       'cliuser')
    assert [a['Name'] for a in access] == ['clidb', 'clidb2']
    _cli(deployment, 'user', 'revoke', 'access', 'users-db', 'cliuser',
         'clidb')
    _refused(instance, 'cliuser', 'cli-pass', 'clidb')
    _cli(deployment, 'user', 'update', 'attributes', 'users-db', 'cliuser',
         '--new_password', 'cli-pass-2')
    _query(instance, 'cliuser', 'cli-pass-2', 'SELECT 1', database='clidb2')

    enabled = _cli_json(deployment, 'root', 'enable', 'users-db')
    assert enabled['name'] == 'root'
    _query(instance, 'root', enabled['password'], 'SELECT 1')
    assert _cli_json(deployment, 'root', 'show', 'users-db') == {
        'is_root_enabled': True}
    _cli(deployment, 'root', 'disable', 'users-db')
    _refused(instance, 'root', enabled['password'])

    _cli(deployment, 'user', 'delete', 'users-db', 'cliuser')
    _refused(instance, 'cliuser', 'cli-pass-2')
    _cli(deployment, 'db', 'delete', 'users-db', 'clidb')
    assert 'clidb' not in [d['Name'] for d in _cli_json(
        deployment, 'db', 'list', 'users-db')]


def test_other_project_cannot_touch_the_instance(deployment, instance):
    other = deployment.client(project='someone-else')
    with pytest.raises(exceptions.NotFound):
        other.databases.list(instance.id)
    with pytest.raises(exceptions.NotFound):
        other.users.create(instance.id, [{'name': 'x', 'password': 'y'}])
    with pytest.raises(exceptions.NotFound):
        other.root.create(instance.id)


def _logs_and_control_db(state_dir):
    for root, _dirs, files in os.walk(state_dir):
        for name in files:
            if (name.endswith('.log') or name.startswith('trove.sqlite')
                    or os.path.basename(root) == 'log'):
                yield os.path.join(root, name)


def test_passwords_are_in_no_log_and_not_in_the_control_db(deployment,
                                                           instance):
    """Runs last: every password above has been through the API, the bus
    and the guest by now (the instance's guest log still exists)."""
    searched, found = [], []
    for path in _logs_and_control_db(deployment.state_dir):
        with open(path, 'rb') as f:
            content = f.read()
        searched.append(path)
        found += ['%s in %s' % (p, path) for p in PASSWORDS
                  if p.encode() in content]
    assert any(p.endswith('guestagent.log') for p in searched), searched
    assert any('trove.sqlite' in p for p in searched), searched
    assert found == []
