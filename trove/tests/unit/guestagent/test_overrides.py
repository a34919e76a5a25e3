"""Configuration overrides in the guest: each engine's overrides file and
the include that reads it, the defaults read back from the templates,
and the common record of what the engine should run with."""
import json
import os

import pytest

from trove.common import exception
from trove.guestagent.datastores import base
from trove.guestagent.datastores.common import overrides
from trove.guestagent.datastores.mariadb import config as mariadb_config
from trove.guestagent.datastores.mariadb import layout as mariadb_layout
from trove.guestagent.datastores.mariadb import overrides as mariadb
from trove.guestagent.datastores.postgresql import config as pg_config
from trove.guestagent.datastores.postgresql import layout as pg_layout
from trove.guestagent.datastores.postgresql import overrides as postgresql
from trove.guestagent.datastores.redis import config as redis_config
from trove.guestagent.datastores.redis import layout as redis_layout
from trove.guestagent.datastores.redis import overrides as redis

VALUES = {'a_number': 64, 'a_float': 2.5, 'a_flag': True, 'off_flag': False,
          'a_text': 'ALLKEYS,LRU 1'}


def settings(tmp_path, ram=512):
    return base.GuestSettings(
        instance_id='inst-1', address='127.77.0.9',
        instance_dir=str(tmp_path / 'inst'), volume_path=str(tmp_path / 'vol'),
        flavor_ram=ram, flavor_vcpus=1, version=None, template_path=None)


def test_mariadb_file():
    assert mariadb.render(VALUES).splitlines()[1:] == [
        '[mysqld]', 'a_flag = ON', 'a_float = 2.5', 'a_number = 64',
        'a_text = "ALLKEYS,LRU 1"', 'off_flag = OFF']


def test_postgresql_file():
    assert postgresql.render(VALUES).splitlines()[1:] == [
        'a_flag = on', 'a_float = 2.5', 'a_number = 64',
        "a_text = 'ALLKEYS,LRU 1'", 'off_flag = off']


def test_redis_file():
    assert redis.render(VALUES).splitlines()[1:] == [
        'a_flag yes', 'a_float 2.5', 'a_number 64', 'a_text "ALLKEYS,LRU 1"',
        'off_flag no']


def test_main_configs_include_the_overrides_last(tmp_path):
    s = settings(tmp_path)
    for module, layout_class, text_of in (
            (mariadb_config, mariadb_layout.Layout, lambda t, lay: t),
            (pg_config, pg_layout.Layout, lambda t, lay: t[lay.config_file]),
            (redis_config, redis_layout.Layout, lambda t, lay: t)):
        layout = layout_class(s)
        text = text_of(module.render(s, layout), layout)
        last = [line for line in text.splitlines()
                if line and not line.startswith('#')][-1]
        assert layout.overrides_file in last
        assert last.split()[0] in ('!include', 'include',
                                   'include_if_exists')


def test_mariadb_defaults_from_the_template(tmp_path):
    s = settings(tmp_path)
    found = mariadb.parse(mariadb_config.render(
        s, mariadb_layout.Layout(s)))
    assert found['max_connections'] == 100
    assert found['innodb_buffer_pool_size'] == '128M'
    assert found['character_set_server'] == 'utf8mb4'
    assert found['skip_name_resolve'] is True
    assert mariadb.sql_value(found['innodb_buffer_pool_size']) == 128 * 2**20
    assert mariadb.sql_value(True) == 'ON'


def test_postgresql_defaults_from_the_template(tmp_path):
    s = settings(tmp_path)
    layout = pg_layout.Layout(s)
    found = postgresql.parse(pg_config.render(s, layout)[layout.config_file])
    assert found['max_connections'] == 64
    assert found['shared_buffers'] == '128MB'
    assert found['log_line_prefix'] == '%m [%p] %q%u@%d '
    assert found['listen_addresses'] == '127.77.0.9'
    assert 'include_if_exists' not in found


def test_redis_defaults_from_the_template(tmp_path):
    s = settings(tmp_path)
    found = redis.parse(redis_config.render(s, redis_layout.Layout(s)))
    assert found['maxmemory'] == '256mb'
    assert found['timeout'] == 0
    assert found['notify-keyspace-events'] == ''
    assert found['save'] == ''
    assert 'include' not in found


class FakeOverrides(overrides.OverridesManager):
    """The common part, with an engine that records live changes."""

    def __init__(self, tmp_path, running=True):
        s = settings(tmp_path)
        layout = redis_layout.Layout(s)
        os.makedirs(layout.base_dir)
        super().__init__(s, layout, lambda: self.up)
        self.up = running
        self.live = []
        self.refuse = None
        self.deferred = []

    def render(self, values):
        return json.dumps(values, sort_keys=True)

    def render_main_config(self):
        return ''

    def parse_main_config(self, text):
        return {}

    def check(self, values):
        if self.refuse in values:
            raise exception.BadRequest('refused %s' % self.refuse)

    def apply_live(self, old, new, names):
        self.live.append(list(names))
        return self.deferred

    def file(self):
        with open(self.layout.overrides_file) as written:
            return json.load(written)


def test_live_and_restart_required_changes(tmp_path):
    manager = FakeOverrides(tmp_path)
    assert manager.apply({'a': 1, 'b': 2}, ['b'], 1) == {
        'restart_required': True}
    assert manager.live == [['a']]
    assert manager.file() == {'a': 1, 'b': 2}
    # Still pending: the engine has not restarted.
    assert manager.apply({'a': 3, 'b': 2}, ['b'], 2) == {
        'restart_required': True}
    assert manager.live[-1] == ['a']
    manager.engine_starting()
    assert manager.apply({'a': 3, 'b': 2}, ['b'], 3) == {
        'restart_required': False}
    # Removed values go back live too.
    assert manager.apply({}, ['b'], 4) == {'restart_required': True}
    assert manager.live[-1] == ['a']
    assert manager.file() == {}


def test_an_older_serial_changes_nothing(tmp_path):
    manager = FakeOverrides(tmp_path)
    manager.apply({'a': 1}, [], 5)
    manager.apply({'a': 2}, [], 4)
    assert manager.file() == {'a': 1}
    assert manager.live == [['a']]


def test_a_stopped_engine_only_gets_files(tmp_path):
    manager = FakeOverrides(tmp_path, running=False)
    assert manager.apply({'a': 1, 'b': 2}, ['b'], 1) == {
        'restart_required': False}
    assert manager.live == []
    assert manager.file() == {'a': 1, 'b': 2}


def test_a_refusal_changes_nothing(tmp_path):
    manager = FakeOverrides(tmp_path)
    manager.apply({'a': 1}, [], 1)
    manager.refuse = 'b'
    with pytest.raises(exception.BadRequest):
        manager.apply({'a': 2, 'b': 'bad'}, [], 2)
    assert manager.file() == {'a': 1}
    manager.refuse = None
    manager.engine_starting()
    assert manager.file() == {'a': 1}


def test_what_cannot_change_live_waits_for_a_restart(tmp_path):
    manager = FakeOverrides(tmp_path)
    manager.deferred = ['a']
    assert manager.apply({'a': 1}, [], 1) == {'restart_required': True}


def test_saved_before_the_first_start(tmp_path):
    manager = FakeOverrides(tmp_path, running=False)
    manager.save({'a': 1}, 7)
    assert not os.path.exists(manager.layout.overrides_file)
    manager.engine_starting()
    assert manager.file() == {'a': 1}
    assert oct(os.stat(manager.record).st_mode & 0o777) == '0o600'
