"""MariaDBAdmin against a scripted server: what it reads, the statements
it sends, and the errors users get. (The real engine's side of it is in
trove/tests/functional/guestagent/test_mariadb_admin.py.)"""
import logging

import pymysql
import pytest

from trove.common import exception
from trove.guestagent.datastores.mariadb import admin as mariadb_admin
from trove.guestagent.datastores.mariadb import client

PASSWORD = "p'a\"ss`;\\ DROP USER root; --"


def _mogrify():
    connection = pymysql.connections.Connection(defer_connect=True)
    connection.server_status = 0
    return connection.cursor().mogrify


class FakeServer(object):
    """Answers the admin's reads from its attributes and records every
    other statement as the text the server would receive."""

    def __init__(self):
        self.schemata = {'mysql': ('utf8mb4', 'utf8mb4_general_ci'),
                         'information_schema': ('utf8mb3', 'utf8mb3_gen'),
                         '#mysql50#lost+found': ('utf8mb4', 'x'),
                         'shop': ('utf8mb4', 'utf8mb4_general_ci')}
        self.accounts = {('root', 'localhost'), ('os_admin', 'localhost'),
                         ('mariadb.sys', 'localhost'), ('', 'localhost'),
                         ('alice', '%')}
        # (user, host, mysql.db Db, Grant_priv)
        self.db_grants = [('alice', '%', 'my\\_shop', 'N')]
        self.probe_error = None
        self.errors = {}            # statement prefix -> error
        self.statements = []
        self.connections = 0
        self._mogrify = _mogrify()

    def connect(self, layout):
        self.connections += 1
        return FakeConnection(self)

    def execute(self, statement, params):
        text = self._mogrify(statement, params)
        if text.startswith('SELECT SCHEMA_NAME'):
            return [(name,) + rest for name, rest in self.schemata.items()]
        if text.startswith('SELECT User, Host FROM mysql.user'):
            return sorted(self.accounts)
        if text.startswith('SELECT 1 FROM mysql.user'):
            return [(1,)] if tuple(params) in self.accounts else []
        if text.startswith('SELECT User, Host, Db, Grant_priv'):
            return [row for row in self.db_grants
                    if params is None or row[:2] == tuple(params)]
        if text.startswith("SELECT CONVERT("):
            if self.probe_error:
                raise self.probe_error
            return [('',)]
        assert not text.startswith('SELECT'), text
        for prefix, error in self.errors.items():
            if text.startswith(prefix):
                raise error
        self.statements.append(text)
        return []


class FakeConnection(object):

    def __init__(self, server):
        self._server = server

    def cursor(self):
        return FakeCursor(self._server)

    def close(self):
        pass


class FakeCursor(object):

    def __init__(self, server):
        self._server = server
        self._rows = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute(self, statement, params=None):
        self._rows = self._server.execute(statement, params)

    def fetchall(self):
        return tuple(self._rows)

    def fetchone(self):
        return self._rows[0] if self._rows else None


@pytest.fixture
def server(monkeypatch):
    fake = FakeServer()
    monkeypatch.setattr(client, 'connect_admin', fake.connect)
    return fake


@pytest.fixture
def admin(server):
    return mariadb_admin.MariaDBAdmin(layout=None)


def test_list_databases_hides_the_system_ones(admin):
    assert admin.list_databases() == [
        {'name': 'shop', 'character_set': 'utf8mb4',
         'collate': 'utf8mb4_general_ci'}]


def test_create_databases(admin, server):
    admin.create_databases([{'name': "it's"},
                            {'name': 'l1', 'character_set': 'latin1',
                             'collate': 'latin1_bin'}])
    assert server.statements == [
        "CREATE DATABASE `it's`",
        'CREATE DATABASE `l1` CHARACTER SET latin1 COLLATE latin1_bin']


@pytest.mark.parametrize('databases,error,match', [
    ([{'name': 'new'}, {'name': 'shop'}], exception.Conflict,
     'shop already exists'),
    ([{'name': 'new'}, {'name': 'new'}], exception.BadRequest,
     'more than once'),
    ([{'name': 'sys'}], exception.BadRequest, "'sys' is reserved"),
    ([{'name': 'a.b'}], exception.BadRequest, "'a.b'"),
    ([{'name': 'new', 'character_set': 'x; DROP'}], exception.BadRequest,
     'invalid character set'),
    ([{}], exception.BadRequest, 'non-empty'),
])
def test_refused_create_databases_change_nothing(admin, server, databases,
                                                 error, match):
    with pytest.raises(error, match=match):
        admin.create_databases(databases)
    assert server.statements == []


@pytest.mark.parametrize('code,charset,message', [
    (1115, 'klingon', "Unknown character set: 'klingon'"),
    (1273, None, "Unknown collation: 'klingon_ci'"),
    (1253, 'latin1', "COLLATION 'utf8mb4_bin' is not valid for CHARACTER "
                     "SET 'latin1'"),
])
def test_unknown_charsets_are_bad_requests(admin, server, code, charset,
                                           message):
    server.probe_error = pymysql.err.OperationalError(code, message)
    with pytest.raises(exception.BadRequest, match=message):
        admin.create_databases([{'name': 'ok'},
                                {'name': 'new', 'character_set': charset,
                                 'collate': 'klingon_ci'}])
    assert server.statements == []


def test_a_collation_alone_needs_only_to_exist(admin, server):
    # Probed against 'binary': a mismatch says the collation exists.
    server.probe_error = pymysql.err.OperationalError(1253, 'mismatch')
    admin.create_databases([{'name': 'new', 'collate': 'utf8mb4_bin'}])
    assert server.statements == ['CREATE DATABASE `new` COLLATE utf8mb4_bin']


def test_server_errors_keep_their_meaning(admin, server):
    # Another request created it between the check and the statement.
    server.errors['CREATE DATABASE'] = pymysql.err.ProgrammingError(
        1007, "Can't create database 'new'; database exists")
    with pytest.raises(exception.Conflict, match='database exists'):
        admin.create_databases([{'name': 'new'}])
    server.errors['DROP DATABASE'] = pymysql.err.OperationalError(
        2013, 'Lost connection to server during query')
    with pytest.raises(exception.GuestError, match='2013: Lost connection'):
        admin.delete_database('shop')


def test_an_engine_without_credentials_is_a_guest_error(admin, monkeypatch):
    def no_credentials(layout):
        raise OSError('no credentials file /x')
    monkeypatch.setattr(client, 'connect_admin', no_credentials)
    with pytest.raises(exception.GuestError, match='cannot reach MariaDB'):
        admin.list_users()


def test_delete_database(admin, server):
    with pytest.raises(exception.NotFound, match='gone'):
        admin.delete_database('gone')
    admin.delete_database('shop')
    assert server.statements == ['DROP DATABASE `shop`']


def test_bad_names_are_refused_before_connecting(admin, server):
    for call in (lambda: admin.delete_database('mysql'),
                 lambda: admin.get_user('root', '%'),
                 lambda: admin.get_user('u' * 33, '%'),
                 lambda: admin.revoke_access('alice', '%', 'a/b'),
                 lambda: admin.grant_access('alice', '%', ['x\x00']),
                 lambda: admin.update_user('alice', '%', new_name='os_admin'),
                 lambda: admin.change_passwords([{'name': 'alice',
                                                  'host': '%'}])):
        with pytest.raises(exception.BadRequest):
            call()
    assert server.connections == 0


def test_list_and_get_users(admin, server):
    server.accounts.add(('bob', '10.0.0.1'))
    assert admin.list_users() == [
        {'name': 'alice', 'host': '%', 'databases': [{'name': 'my_shop'}]},
        {'name': 'bob', 'host': '10.0.0.1', 'databases': []}]
    assert admin.get_user('bob', '10.0.0.1')['databases'] == []
    assert admin.list_access('alice', '%') == [{'name': 'my_shop'}]
    with pytest.raises(exception.NotFound, match="'bob'@'%'"):
        admin.get_user('bob', None)


def test_create_users(admin, server, caplog):
    caplog.set_level(logging.DEBUG)
    admin.create_users([{'name': "o'brien", 'password': PASSWORD,
                         'databases': [{'name': 'shop'}]},
                        {'name': 'eve', 'password': 'x', 'host': 'DB.Local'}])
    assert server.statements == [
        "CREATE USER 'o\\'brien'@'%' IDENTIFIED BY "
        "'p\\'a\\\"ss`;\\\\ DROP USER root; --'",
        "GRANT ALL PRIVILEGES ON `shop`.* TO 'o\\'brien'@'%'",
        "CREATE USER 'eve'@'db.local' IDENTIFIED BY 'x'"]
    assert PASSWORD not in caplog.text


@pytest.mark.parametrize('users,error,match', [
    ([{'name': 'new', 'password': 'x'}, {'name': 'alice', 'password': 'x'}],
     exception.Conflict, "'alice'@'%' already exists"),
    ([{'name': 'new', 'password': 'x', 'databases': [{'name': 'nowhere'}]}],
     exception.NotFound, 'nowhere does not exist'),
    ([{'name': 'new', 'password': 'x'}, {'name': 'new', 'host': '%',
                                         'password': 'y'}],
     exception.BadRequest, 'more than once'),
    ([{'name': 'new', 'password': ''}], exception.BadRequest, 'password'),
    ([{'name': 'mysql', 'password': 'x'}], exception.BadRequest, 'reserved'),
])
def test_refused_create_users_change_nothing(admin, server, users, error,
                                             match):
    with pytest.raises(error, match=match):
        admin.create_users(users)
    assert server.statements == []


def test_delete_user(admin, server):
    with pytest.raises(exception.NotFound):
        admin.delete_user('alice', '10.0.0.1')
    admin.delete_user('alice', '%')
    assert server.statements == ["DROP USER 'alice'@'%'"]


def test_update_user_renames_then_sets_the_password(admin, server, caplog):
    caplog.set_level(logging.DEBUG)
    admin.update_user('alice', '%', new_name='alicia', new_password=PASSWORD,
                      new_host='10.0.0.%')
    assert server.statements == [
        "RENAME USER 'alice'@'%' TO 'alicia'@'10.0.0.%'",
        "ALTER USER 'alicia'@'10.0.0.%' IDENTIFIED BY "
        "'p\\'a\\\"ss`;\\\\ DROP USER root; --'"]
    assert PASSWORD not in caplog.text


def test_update_user_refusals(admin, server):
    server.accounts.add(('bob', '%'))
    with pytest.raises(exception.Conflict, match="'bob'@'%'"):
        admin.update_user('alice', '%', new_name='bob')
    with pytest.raises(exception.NotFound, match="'carol'@'%'"):
        admin.update_user('carol', '%', new_password='x')
    with pytest.raises(exception.BadRequest, match='password'):
        admin.update_user('alice', '%', new_password='')
    assert server.statements == []
    admin.update_user('alice', '%', new_host='%')       # nothing to do
    assert server.statements == []


def test_change_passwords(admin, server):
    with pytest.raises(exception.NotFound, match="'ghost'@'%'"):
        admin.change_passwords([{'name': 'alice', 'password': 'a'},
                                {'name': 'ghost', 'password': 'b'}])
    assert server.statements == []
    admin.change_passwords([{'name': 'alice', 'host': '%', 'password': 'a'}])
    assert server.statements == [
        "ALTER USER 'alice'@'%' IDENTIFIED BY 'a'"]


def test_grant_access(admin, server):
    with pytest.raises(exception.NotFound, match='nowhere'):
        admin.grant_access('alice', '%', ['shop', 'nowhere'])
    with pytest.raises(exception.NotFound, match="'nobody'@'%'"):
        admin.grant_access('nobody', '%', ['shop'])
    assert server.statements == []
    admin.grant_access('alice', '%', ['shop', {'name': 'shop'}])
    assert server.statements == [
        "GRANT ALL PRIVILEGES ON `shop`.* TO 'alice'@'%'"] * 2


def test_revoke_access_uses_the_stored_grant(admin, server):
    server.db_grants.append(('alice', '%', 'sh%p', 'Y'))
    server.db_grants.append(('alice', '%', 'sh\\%p', 'N'))
    with pytest.raises(exception.NotFound, match='no access to database shop'):
        admin.revoke_access('alice', '%', 'shop')
    admin.revoke_access('alice', '%', 'sh%p')
    assert server.statements == [
        "REVOKE ALL PRIVILEGES ON `sh%p`.* FROM 'alice'@'%'",
        "REVOKE GRANT OPTION ON `sh%p`.* FROM 'alice'@'%'",
        "REVOKE ALL PRIVILEGES ON `sh\\%p`.* FROM 'alice'@'%'"]


def test_root(admin, server, caplog):
    caplog.set_level(logging.DEBUG)
    assert admin.enable_root(PASSWORD) == {'name': 'root',
                                           'password': PASSWORD}
    assert server.statements[-1] == (
        "GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION")
    generated = admin.enable_root(None)['password']
    assert len(generated) >= 24
    assert PASSWORD not in caplog.text and generated not in caplog.text
    with pytest.raises(exception.BadRequest, match='password'):
        admin.enable_root('')

    server.statements = []
    server.accounts |= {('root', '%'), ('root', '127.0.0.1')}
    admin.disable_root()
    assert server.statements == ["DROP USER 'root'@'%'",
                                 "DROP USER 'root'@'127.0.0.1'"]


def test_reserved_names_are_published():
    admin = mariadb_admin.MariaDBAdmin(layout=None)
    assert {'mysql', 'sys', 'information_schema',
            'performance_schema'} <= admin.reserved_databases
    assert admin.reserved_users == {'root', 'os_admin', 'mysql',
                                    'mariadb.sys'}
    assert admin.datastore_name == 'mariadb'
