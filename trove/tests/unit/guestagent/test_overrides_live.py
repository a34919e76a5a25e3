"""How each engine changes values live, against fake connections: what
it sends, what a removed value goes back to, and what a refusal undoes."""
import contextlib
import os

import pymysql
import pytest
import redis as redis_py

from trove.common import exception
from trove.guestagent.datastores.mariadb import layout as mariadb_layout
from trove.guestagent.datastores.mariadb import overrides as mariadb
from trove.guestagent.datastores.postgresql import layout as pg_layout
from trove.guestagent.datastores.postgresql import overrides as postgresql
from trove.guestagent.datastores.redis import layout as redis_layout
from trove.guestagent.datastores.redis import overrides as redis
from trove.tests.unit.guestagent.test_overrides import settings


class FakeCursor(object):

    def __init__(self, refuse=(), rows=()):
        self.sent = []
        self.refuse = refuse
        self.rows = list(rows)

    def execute(self, statement, params=None):
        self.sent.append((statement, params))
        if params and params[0] in self.refuse:
            raise pymysql.err.OperationalError(1231, 'bad value')
        return 1

    def fetchall(self):
        return self.rows

    def fetchone(self):
        return (len(self.sent),)


def _cursor_of(cur):
    @contextlib.contextmanager
    def cursor(*_args, **_kwargs):
        yield cur
    return cursor


@pytest.fixture
def mariadb_manager(tmp_path, monkeypatch):
    manager = mariadb.MariaDBOverrides(
        settings(tmp_path), mariadb_layout.Layout(settings(tmp_path)),
        lambda: True)
    monkeypatch.setattr(mariadb.client, 'connect_admin', lambda _l: None)
    return manager


def test_mariadb_sets_globals_and_defaults(mariadb_manager, monkeypatch):
    cur = FakeCursor()
    monkeypatch.setattr(mariadb.client, 'cursor', _cursor_of(cur))
    mariadb_manager.apply_live(
        {'max_connections': 300, 'wait_timeout': 5},
        {'slow_query_log': True},
        ['max_connections', 'slow_query_log', 'wait_timeout'])
    assert cur.sent == [
        ('SET GLOBAL max_connections = %s', (100,)),   # the template's
        ('SET GLOBAL slow_query_log = %s', ('ON',)),
        ('SET GLOBAL wait_timeout = DEFAULT', None),   # the engine's
    ]


def test_mariadb_refusal_puts_back_what_it_changed(mariadb_manager,
                                                   monkeypatch):
    cur = FakeCursor(refuse=('nonsense',))
    monkeypatch.setattr(mariadb.client, 'cursor', _cursor_of(cur))
    with pytest.raises(exception.BadRequest) as refused:
        mariadb_manager.apply_live(
            {'wait_timeout': 5}, {'wait_timeout': 9, 'sql_mode': 'nonsense'},
            ['wait_timeout', 'sql_mode'])
    assert 'sql_mode' in str(refused.value)
    assert cur.sent[-1] == ('SET GLOBAL wait_timeout = %s', (5,))


def test_mariadb_names_are_never_sql(mariadb_manager):
    with pytest.raises(exception.BadRequest):
        mariadb.set_global(FakeCursor(), 'x = 1; DROP', 1)


def test_mariadb_unknown_character_set(mariadb_manager, monkeypatch):
    cur = FakeCursor()
    cur.execute = lambda statement, params=None: 0
    monkeypatch.setattr(mariadb.client, 'cursor', _cursor_of(cur))
    with pytest.raises(exception.BadRequest):
        mariadb_manager.check({'character_set_server': 'klingon'})


class FakeRedis(object):

    def __init__(self, refuse=False):
        self.sent = []
        self.refuse = refuse

    def execute_command(self, *args):
        self.sent.append(args)
        if self.refuse:
            raise redis_py.ResponseError('Invalid argument')

    def close(self):
        pass


def _redis_manager(tmp_path, monkeypatch, connection):
    monkeypatch.setattr(redis.client, 'connect', lambda _l: connection)
    return redis.RedisOverrides(settings(tmp_path),
                                redis_layout.Layout(settings(tmp_path)),
                                lambda: True)


def test_redis_one_config_set(tmp_path, monkeypatch):
    connection = FakeRedis()
    manager = _redis_manager(tmp_path, monkeypatch, connection)
    deferred = manager.apply_live(
        {'timeout': 30, 'rename-me': 1}, {'activerehashing': False},
        ['activerehashing', 'rename-me', 'timeout'])
    assert connection.sent == [('CONFIG', 'SET', 'activerehashing', 'no',
                                'timeout', '0')]
    assert deferred == ['rename-me']


def test_redis_refusal_is_400(tmp_path, monkeypatch):
    manager = _redis_manager(tmp_path, monkeypatch, FakeRedis(refuse=True))
    with pytest.raises(exception.BadRequest):
        manager.apply_live({}, {'maxmemory-policy': 'bogus'},
                           ['maxmemory-policy'])


def _pg_manager(tmp_path, monkeypatch, cur):
    layout = pg_layout.Layout(settings(tmp_path))
    os.makedirs(layout.base_dir)
    monkeypatch.setattr(postgresql.client, 'cursor', _cursor_of(cur))
    return postgresql.PostgreSQLOverrides(settings(tmp_path), layout,
                                          lambda: True), layout


def test_postgresql_checks_then_reloads(tmp_path, monkeypatch):
    cur = FakeCursor(rows=[('shared_buffers',
                            'setting could not be applied')])
    manager, layout = _pg_manager(tmp_path, monkeypatch, cur)
    manager.apply_live({}, {'work_mem': 8192, 'shared_buffers': 2048},
                       ['work_mem'])
    statements = [statement for statement, _ in cur.sent]
    assert 'pg_reload_conf' in statements[1]
    with open(layout.overrides_file) as written:
        assert 'work_mem = 8192' in written.read()


def test_postgresql_refusal_restores_the_file(tmp_path, monkeypatch):
    cur = FakeCursor(rows=[('work_mem', 'setting could not be applied')])
    manager, layout = _pg_manager(tmp_path, monkeypatch, cur)
    with pytest.raises(exception.BadRequest) as refused:
        manager.apply_live({'work_mem': 4096}, {'work_mem': 1},
                           ['work_mem'])
    assert 'work_mem' in str(refused.value)
    assert not any('pg_reload_conf' in s for s, _ in cur.sent)
    with open(layout.overrides_file) as written:
        assert 'work_mem = 4096' in written.read()
