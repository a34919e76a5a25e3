"""Helpers every engine shares: private files on the volume, templates,
and the checks of what prepare is asked for."""
import os
import stat

import pytest

from trove.common import exception
from trove.guestagent.datastores import base
from trove.guestagent.datastores.common import names
from trove.guestagent.datastores.common import template
from trove.guestagent.datastores.common import volume
from trove.guestagent.datastores import loader
from trove.guestagent.datastores.postgresql import engine as pg_engine
from trove.guestagent.datastores.redis import engine as redis_engine
from trove.guestagent.datastores.redis import layout as redis_layout


def test_entry_points_load_the_new_engines():
    assert (loader.datastore_class('postgresql')
            is pg_engine.PostgreSQLDatastore)
    assert loader.datastore_class('redis') is redis_engine.RedisDatastore


def test_credentials_are_private_and_read_back(tmp_path):
    path = str(tmp_path / 'admin.cnf')
    with open(path + '.tmp', 'w') as leftover:      # world-readable draft
        leftover.write('old')
    os.chmod(path + '.tmp', 0o644)
    volume.write_credentials(path, 'redis', {'user': 'a', 'password': 'p%x'})
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert volume.read_credentials(path, 'redis') == {'user': 'a',
                                                      'password': 'p%x'}
    with pytest.raises(OSError):
        volume.read_credentials(str(tmp_path / 'missing'), 'redis')


def test_prepared_marker_and_leftovers(tmp_path):
    marker = str(tmp_path / 'prepared')
    assert not volume.is_prepared(marker)
    volume.mark_prepared(marker, str(tmp_path))
    assert volume.is_prepared(marker)
    data = tmp_path / 'data'
    os.makedirs(data / 'base')
    empty = tmp_path / 'empty'
    os.makedirs(empty)
    volume.clear_leftovers([str(data), str(empty), str(tmp_path / 'none')])
    assert not data.exists() and empty.exists()
    volume.sync_filesystem(str(tmp_path))


def test_template_owner_and_mode(tmp_path):
    path = str(tmp_path / 'f')
    template.write(path, 'x', mode=0o600, owner=(os.getuid(), os.getgid()))
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert open(path).read() == 'x'


def test_names():
    assert names.check_any_host('redis', None) == '%'
    assert names.check_any_host('redis', '%') == '%'
    with pytest.raises(exception.BadRequest, match='redis users have no host'):
        names.check_any_host('redis', 'localhost')
    with pytest.raises(exception.BadRequest, match='a, b'):
        names.check_unique('User', ['a', 'b', 'a', 'b', 'c'])
    assert isinstance(names.not_found('User', 'u'), exception.NotFound)
    assert isinstance(names.already_exists('User', 'u'), exception.Conflict)


def test_redis_prepare_refuses_databases_before_touching_anything(
        tmp_path, monkeypatch):
    monkeypatch.setattr(redis_layout, 'binary', lambda: '/bin/redis-server')
    settings = base.GuestSettings(
        'i', '127.0.0.9', str(tmp_path / 'i'), str(tmp_path / 'v'), 256, 1,
        '7.0', None)
    datastore = redis_engine.RedisDatastore(settings)
    with pytest.raises(exception.DatastoreOperationNotSupported,
                       match='redis datastore does not support databases'):
        datastore.prepare([{'name': 'mydb'}], [])
    with pytest.raises(exception.BadRequest, match='reserved'):
        datastore.prepare([], [{'name': 'default', 'password': 'p'}])
    assert not os.path.exists(tmp_path / 'v')
    with pytest.raises(exception.DatastoreOperationNotSupported):
        datastore.admin.list_databases()
    with pytest.raises(exception.DatastoreOperationNotSupported):
        datastore.admin.grant_access('u', '%', ['db'])
