"""Databases, users, access and root of a real mariadbd, each effect
checked the way a user sees it: a TCP login with PyMySQL."""
import logging

import pymysql
import pytest

from trove.common import exception
from trove.guestagent.datastores.mariadb import client
from trove.tests.functional.guestagent import mariadb_engine

ADDRESS = '127.79.0.4'
HOSTILE_PASSWORD = "p'a\"ss`;\\ DROP USER root; --"

pytestmark = mariadb_engine.needs_root_and_mariadb


@pytest.fixture(scope='module')
def engine():
    with mariadb_engine.mariadb_datastore(ADDRESS, 'func-admin') as ds:
        ds.prepare(databases=[], users=[])
        yield ds


@pytest.fixture
def admin(engine):
    return engine.admin


def _connect(user, password, database=None):
    return mariadb_engine.connect(ADDRESS, user, password, database)


def _login_fails(user, password, database=None):
    with pytest.raises(pymysql.err.OperationalError) as error:
        _connect(user, password, database).close()
    # 1698: no account matches this client at all.
    assert error.value.args[0] in (1044, 1045, 1698), error.value


def _query(user, password, statement, database=None):
    connection = _connect(user, password, database)
    try:
        with connection.cursor() as cur:
            cur.execute(statement)
            return cur.fetchall()
    finally:
        connection.close()


def _server_databases(engine):
    """Every schema, seen by the agent (not through the code under test)."""
    with client.cursor(client.connect_admin(engine.layout)) as cur:
        cur.execute('SHOW DATABASES')
        return {row[0] for row in cur.fetchall()}


def _names(items):
    return {item['name'] for item in items}


def test_databases(engine, admin):
    admin.create_databases([
        {'name': 'shop'},
        {'name': 'latin', 'character_set': 'latin1',
         'collate': 'latin1_swedish_ci'},
        # Trove's historical defaults: aliases of utf8mb3.
        {'name': 'legacy', 'character_set': 'utf8',
         'collate': 'utf8_general_ci'},
        {'name': 'binary_only', 'collate': 'utf8mb4_bin'},
    ])
    listed = {db['name']: db for db in admin.list_databases()}
    assert set(listed) >= {'shop', 'latin', 'legacy', 'binary_only'}
    assert not set(listed) & {'mysql', 'information_schema',
                              'performance_schema', 'sys'}
    assert listed['latin'] == {'name': 'latin', 'character_set': 'latin1',
                               'collate': 'latin1_swedish_ci'}
    assert listed['legacy']['collate'] == 'utf8mb3_general_ci'
    assert listed['binary_only']['collate'] == 'utf8mb4_bin'

    before = _server_databases(engine)
    with pytest.raises(exception.Conflict, match='shop'):
        admin.create_databases([{'name': 'fresh'}, {'name': 'shop'}])
    for bad in ({'name': 'fresh', 'character_set': 'klingon'},
                {'name': 'fresh', 'collate': 'klingon_ci'},
                {'name': 'fresh', 'character_set': 'latin1',
                 'collate': 'utf8mb4_bin'}):
        with pytest.raises(exception.BadRequest):
            admin.create_databases([{'name': 'ok'}, bad])
    with pytest.raises(exception.BadRequest, match="'mysql' is reserved"):
        admin.create_databases([{'name': 'mysql'}])
    with pytest.raises(exception.BadRequest, match='more than once'):
        admin.create_databases([{'name': 'twice'}, {'name': 'twice'}])
    # A refused request changes nothing.
    assert _server_databases(engine) == before

    admin.delete_database('shop')
    assert 'shop' not in _server_databases(engine)
    with pytest.raises(exception.NotFound, match='shop'):
        admin.delete_database('shop')
    with pytest.raises(exception.BadRequest, match='reserved'):
        admin.delete_database('mysql')
    assert 'mysql' in _server_databases(engine)


def test_users_and_access(engine, admin):
    admin.create_databases([{'name': 'app'}, {'name': 'reports'},
                            {'name': 'my_db'}, {'name': 'myXdb'}])
    admin.create_users([{'name': 'alice', 'password': 'alice-pw',
                         'databases': [{'name': 'app'}]},
                        {'name': 'bob', 'password': 'bob-pw',
                         'host': '%'}])
    assert _query('alice', 'alice-pw', 'SELECT CURRENT_USER()', 'app') == (
        ('alice@%',),)
    _login_fails('alice', 'alice-pw', 'reports')
    _login_fails('alice', 'wrong')

    users = {(u['name'], u['host']): u for u in admin.list_users()}
    assert users[('alice', '%')]['databases'] == [{'name': 'app'}]
    assert users[('bob', '%')]['databases'] == []
    assert not {name for name, _ in users} & {
        'root', 'os_admin', 'mysql', 'mariadb.sys'}
    assert admin.get_user('alice', '%') == {
        'name': 'alice', 'host': '%', 'databases': [{'name': 'app'}]}
    with pytest.raises(exception.NotFound):
        admin.get_user('alice', '10.0.0.1')

    with pytest.raises(exception.Conflict, match="'alice'@'%'"):
        admin.create_users([{'name': 'carol', 'password': 'x'},
                            {'name': 'alice', 'password': 'x'}])
    with pytest.raises(exception.NotFound, match='nowhere'):
        admin.create_users([{'name': 'carol', 'password': 'x',
                             'databases': [{'name': 'nowhere'}]}])
    with pytest.raises(exception.BadRequest, match='password'):
        admin.create_users([{'name': 'carol'}])
    with pytest.raises(exception.BadRequest, match="'root' is reserved"):
        admin.create_users([{'name': 'root', 'password': 'x'}])
    with pytest.raises(exception.NotFound):
        admin.get_user('carol', '%')        # none of them was created

    # Access: grant, list, revoke, and the wildcard in my_db stays literal.
    admin.grant_access('bob', '%', ['reports', 'my_db'])
    assert admin.list_access('bob', '%') == [
        {'name': 'my_db'}, {'name': 'reports'}]
    _query('bob', 'bob-pw', 'CREATE TABLE t (id INT)', 'reports')
    _login_fails('bob', 'bob-pw', 'myXdb')
    with pytest.raises(exception.NotFound, match='nowhere'):
        admin.grant_access('bob', '%', ['nowhere'])
    admin.revoke_access('bob', '%', 'reports')
    _login_fails('bob', 'bob-pw', 'reports')
    assert admin.list_access('bob', '%') == [{'name': 'my_db'}]
    with pytest.raises(exception.NotFound, match='no access'):
        admin.revoke_access('bob', '%', 'reports')
    with pytest.raises(exception.NotFound):
        admin.list_access('nobody', '%')

    # Rename, new password and new host in one call; grants follow.
    with pytest.raises(exception.Conflict, match="'bob'@'%'"):
        admin.update_user('alice', '%', new_name='bob')
    admin.update_user('alice', '%', new_name='alicia',
                      new_password='alicia-pw')
    _login_fails('alice', 'alice-pw', 'app')
    _login_fails('alicia', 'alice-pw', 'app')
    assert _query('alicia', 'alicia-pw', 'SELECT DATABASE()', 'app') == (
        ('app',),)
    admin.update_user('alicia', '%', new_host='10.9.9.9')
    _login_fails('alicia', 'alicia-pw')
    assert admin.get_user('alicia', '10.9.9.9')['databases'] == [
        {'name': 'app'}]
    admin.update_user('alicia', '10.9.9.9', new_host='%')
    _connect('alicia', 'alicia-pw', 'app').close()
    with pytest.raises(exception.NotFound):
        admin.update_user('alice', '%', new_password='x')

    admin.change_passwords([{'name': 'alicia', 'host': '%',
                             'password': 'third'},
                            {'name': 'bob', 'host': '%',
                             'password': HOSTILE_PASSWORD}])
    _login_fails('alicia', 'alicia-pw')
    _connect('alicia', 'third', 'app').close()
    _connect('bob', HOSTILE_PASSWORD, 'my_db').close()
    with pytest.raises(exception.NotFound, match='ghost'):
        admin.change_passwords([{'name': 'ghost', 'host': '%',
                                 'password': 'x'}])

    admin.delete_user('alicia', '%')
    _login_fails('alicia', 'third')
    with pytest.raises(exception.NotFound):
        admin.delete_user('alicia', '%')
    with pytest.raises(exception.BadRequest, match='reserved'):
        admin.delete_user('os_admin', 'localhost')
    assert engine.status() == 'HEALTHY'


def test_root(engine, admin):
    _login_fails('root', '')
    assert admin.enable_root('first-root-pw') == {
        'name': 'root', 'password': 'first-root-pw'}
    # A superuser: it can create databases and grant.
    _query('root', 'first-root-pw', 'CREATE DATABASE made_by_root')
    _query('root', 'first-root-pw',
           "GRANT SELECT ON made_by_root.* TO 'os_admin'@'localhost'")
    assert 'made_by_root' in _names(admin.list_databases())

    # Enabled again: a new password replaces the old one.
    generated = admin.enable_root(None)['password']
    _login_fails('root', 'first-root-pw')
    _connect('root', generated).close()
    assert 'root' not in _names(admin.list_users())

    admin.disable_root()
    _login_fails('root', generated)
    admin.disable_root()                        # already disabled
    assert engine.status() == 'HEALTHY'         # the agent never used root


HOSTILE_DATABASES = [
    "'; DROP DATABASE mysql; --", 'a`b', '``', 'semi;colon', "quote'd",
    'dq"uote', 'per%cent', 'x%s', 'back`tick`', 'données', '数据库',
]
HOSTILE_USERS = [
    "o'brien", 'x`y', "'; DROP USER os_admin; --", 'dq"uote', '%', 'pct%s',
    'ユーザー',
]


def test_hostile_names_are_quoted(engine, admin, caplog):
    caplog.set_level(logging.DEBUG)
    before = _server_databases(engine)
    admin.create_databases([{'name': name} for name in HOSTILE_DATABASES])
    assert _server_databases(engine) == before | set(HOSTILE_DATABASES)
    admin.create_users([
        {'name': name, 'password': HOSTILE_PASSWORD,
         'databases': [{'name': db} for db in HOSTILE_DATABASES]}
        for name in HOSTILE_USERS])
    for name in HOSTILE_USERS:
        assert admin.get_user(name, '%')['databases'] == [
            {'name': db} for db in sorted(HOSTILE_DATABASES)]
        connection = _connect(name, HOSTILE_PASSWORD,
                              "'; DROP DATABASE mysql; --")
        connection.close()
    for db in HOSTILE_DATABASES:
        admin.revoke_access("o'brien", '%', db)
        _login_fails("o'brien", HOSTILE_PASSWORD, db)
    admin.update_user('x`y', '%', new_name="x`y'; --",
                      new_password=HOSTILE_PASSWORD + '2')
    _connect("x`y'; --", HOSTILE_PASSWORD + '2', 'a`b').close()
    for name in HOSTILE_USERS:
        if name != 'x`y':
            admin.delete_user(name, '%')
    admin.delete_user("x`y'; --", '%')
    for db in HOSTILE_DATABASES:
        admin.delete_database(db)
    # Nothing injected ran: the system schemas and the agent's account.
    assert _server_databases(engine) == before
    assert engine.status() == 'HEALTHY'
    # Names are logged, passwords never.
    assert "o'brien" in caplog.text
    assert HOSTILE_PASSWORD not in caplog.text


@pytest.mark.parametrize('name', [
    'a/b', 'a.b', '..', 'a\\b', 'x' * 65, 'bad\x00', 'new\nline',
    'trailing ', '😀', '#mysql50#lost+found', 'MySQL',
    'INFORMATION_SCHEMA', ''])
def test_bad_database_names_are_refused(engine, admin, name):
    before = _server_databases(engine)
    with pytest.raises(exception.BadRequest):
        admin.create_databases([{'name': name}])
    assert _server_databases(engine) == before


@pytest.mark.parametrize('name', [
    'u' * 33, 'nul\x00', 'trailing ', '😀', 'root', 'mariadb.sys', ''])
def test_bad_user_names_are_refused(admin, name):
    with pytest.raises(exception.BadRequest):
        admin.create_users([{'name': name, 'password': 'x'}])
    assert name not in _names(admin.list_users())
