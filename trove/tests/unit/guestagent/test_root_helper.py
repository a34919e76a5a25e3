"""The root helper of an unprivileged agent, over a real socket pair: what
it does for its instance, and what it refuses."""
import os
import socket
import threading

import pytest

from trove.guestagent import identity
from trove.guestagent import root_helper
from trove.guestagent.strategies import storage as guest_storage

KEY = 'a' * 32


@pytest.fixture
def scope(tmp_path):
    volume = tmp_path / 'volume'
    volume.mkdir()
    return root_helper.Scope(str(volume), os.getuid(), os.getgid(),
                             str(tmp_path / 'cache'), str(tmp_path / 'store'))


@pytest.fixture
def helper(scope):
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    server = threading.Thread(target=root_helper.serve, args=(theirs, scope),
                              daemon=True)
    server.start()
    yield identity.HelperClient(ours, None)
    ours.close()
    server.join(5)
    theirs.close()


def test_the_cache_goes_round_through_the_helper(helper, scope):
    fresh = os.path.join(scope.volume_path, 'data')
    os.makedirs(fresh)
    with open(os.path.join(fresh, 'ibdata1'), 'w') as data:
        data.write('fresh')
    assert helper.call('cache_save', key=KEY, source=fresh) is True
    target = os.path.join(scope.volume_path, 'copy')
    assert helper.call('cache_restore', key=KEY, target=target) is True
    with open(os.path.join(target, 'ibdata1')) as copied:
        assert copied.read() == 'fresh'
    assert helper.call('cache_restore', key='b' * 32,
                       target=os.path.join(scope.volume_path, 'x')) is False


@pytest.mark.parametrize('arguments', [
    {'key': '../etc', 'target': 'data'},
    {'key': KEY + '\n', 'target': 'data'},
    {'key': KEY, 'target': '/etc/cron.d'},
    {'key': KEY, 'target': '../../elsewhere'},
])
def test_cache_requests_outside_the_instance_are_refused(helper, scope,
                                                         arguments):
    if not arguments['target'].startswith('/'):
        arguments['target'] = os.path.join(scope.volume_path,
                                           arguments['target'])
    with pytest.raises(root_helper.HelperError):
        helper.call('cache_restore', **arguments)


def test_a_symlink_out_of_the_volume_is_refused(helper, scope, tmp_path):
    os.symlink(str(tmp_path), os.path.join(scope.volume_path, 'link'))
    with pytest.raises(root_helper.HelperError, match='volume'):
        helper.call('cache_save', key=KEY,
                    source=os.path.join(scope.volume_path, 'link'))


def test_backups_are_stored_and_read_through_descriptors(helper, scope,
                                                         monkeypatch):
    monkeypatch.setattr(identity, '_helper', helper)
    store = guest_storage.load('backups', {'driver': 'local',
                                           'path': '/ignored'})
    assert isinstance(store, guest_storage.HelperStorage)
    assert store.put('b1', iter([b'one', b'two'])) == 6
    assert os.path.isfile(os.path.join(scope.backup_root, 'backups', 'b1'))
    assert b''.join(store.get('b1')) == b'onetwo'
    assert store.exists('b1')
    store.delete('b1')
    assert not store.exists('b1')


def test_a_failed_upload_leaves_nothing(helper, scope, monkeypatch):
    monkeypatch.setattr(identity, '_helper', helper)
    store = guest_storage.HelperStorage('backups', helper)

    def chunks():
        yield b'half'
        raise RuntimeError('the engine tool died')

    with pytest.raises(RuntimeError):
        store.put('b2', chunks())
    assert os.listdir(os.path.join(scope.backup_root, 'backups')) == []


@pytest.mark.parametrize('container, name', [
    ('..', 'x'), ('backups', '../../trove.conf'), ('backups', '.hidden'),
    ('a/b', 'x'), ('backups', 'x\n'),
])
def test_backup_names_that_climb_out_are_refused(helper, container, name):
    with pytest.raises(root_helper.HelperError):
        helper.call('backup_open', container=container, name=name,
                    mode='read')


def test_unknown_requests_are_refused_and_the_helper_goes_on(helper):
    with pytest.raises(root_helper.HelperError):
        helper.call('run', command='sh')
    assert helper.call('backup_exists', container='c', name='n') is False
