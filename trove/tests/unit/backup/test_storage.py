"""Storage backends: local directory and swift (against a fake)."""
import hashlib
import json
import os

import pytest

from trove.backup.storage import base
from trove.backup.storage import local
from trove.backup.storage import swift


class FakeSwiftError(Exception):

    def __init__(self, status):
        super().__init__('HTTP %s' % status)
        self.http_status = status


class FakeSwift(object):
    """Just enough of swiftclient.Connection: objects, SLO manifests."""

    url = 'http://swift.example/v1/AUTH_p'

    def __init__(self):
        self.containers = {}

    def put_container(self, container):
        self.containers.setdefault(container, {})

    def put_object(self, container, name, contents, query_string=None):
        data = contents.encode() if isinstance(contents, str) else b''.join(
            contents)
        if query_string == 'multipart-manifest=put':
            manifest = json.loads(data)
            for item in manifest:
                _, seg_container, seg_name = item['path'].split('/', 2)
                segment = self.containers[seg_container][seg_name]
                assert hashlib.md5(segment).hexdigest() == item['etag']
                assert len(segment) == item['size_bytes']
            self.containers[container][name] = ('manifest', manifest)
        else:
            self.containers[container][name] = data
        return hashlib.md5(data).hexdigest()

    def _read(self, container, name):
        try:
            stored = self.containers[container][name]
        except KeyError:
            raise FakeSwiftError(404)
        if isinstance(stored, tuple):
            return b''.join(self._read(*item['path'].split('/', 2)[1:])
                            for item in stored[1])
        return stored

    def get_object(self, container, name, resp_chunk_size=None):
        data = self._read(container, name)
        size = resp_chunk_size or len(data) or 1
        return {}, iter([data[i:i + size]
                         for i in range(0, len(data), size)])

    def head_object(self, container, name):
        self._read(container, name)
        return {}

    def get_container(self, container, prefix='', full_listing=False):
        if container not in self.containers:
            raise FakeSwiftError(404)
        return {}, [{'name': name} for name in sorted(self.containers[
            container]) if name.startswith(prefix)]

    def delete_object(self, container, name, query_string=None):
        stored = self.containers.get(container, {}).pop(name, None)
        if stored is None:
            raise FakeSwiftError(404)
        if isinstance(stored, tuple) and query_string:
            for item in stored[1]:
                self.containers[container].pop(
                    item['path'].split('/', 2)[2], None)


@pytest.fixture(params=['local', 'swift'])
def storage(request, tmp_path):
    if request.param == 'local':
        return local.LocalStorage('backups', root=str(tmp_path))
    return swift.SwiftStorage('backups', FakeSwift(), segment_size=1000)


def _chunks(data, size=333):
    return iter([data[i:i + size] for i in range(0, len(data), size)])


@pytest.mark.parametrize('length', [0, 999, 1000, 1001, 4567])
def test_put_get_round_trip(storage, length):
    data = bytes(range(256)) * (length // 256) + b'x' * (length % 256)
    assert storage.put('b1.enc', _chunks(data)) == len(data)
    assert storage.exists('b1.enc')
    assert b''.join(storage.get('b1.enc')) == data


def test_metadata_beside_the_object(storage):
    storage.put('b1.enc', _chunks(b'data'))
    storage.put_metadata('b1.enc', {'to_lsn': '123', 'parent_id': None})
    assert storage.metadata('b1.enc') == {'to_lsn': '123',
                                          'parent_id': None}
    storage.delete_with_metadata('b1.enc')
    assert not storage.exists('b1.enc')
    assert not storage.exists('b1.enc' + base.METADATA_SUFFIX)
    storage.delete_with_metadata('b1.enc')  # idempotent


def test_a_failed_put_leaves_nothing(storage):
    def failing():
        yield b'a' * 2500
        raise IOError('the engine died')
    with pytest.raises(IOError):
        storage.put('b2.enc', failing())
    assert not storage.exists('b2.enc')
    if isinstance(storage, swift.SwiftStorage):
        assert storage.connection.containers['backups'] == {}
    else:
        assert os.listdir(storage.root) == []


def test_swift_segments_and_location():
    fake = FakeSwift()
    storage = swift.SwiftStorage('c', fake, segment_size=1000)
    storage.put('b.enc', _chunks(b'y' * 2000, 300))
    names = sorted(fake.containers['c'])
    assert names == ['b.enc', 'b.enc_segments/00000000',
                     'b.enc_segments/00000001']
    assert storage.location('b.enc') == fake.url + '/c/b.enc'
    storage.delete('b.enc')
    assert fake.containers['c'] == {}


def test_local_location_and_names(tmp_path):
    storage = local.LocalStorage('c', root=str(tmp_path))
    assert storage.location('b.enc') == 'file://%s/c/b.enc' % tmp_path
    with pytest.raises(ValueError):
        storage.put('../escape', iter([b'']))


def test_load_by_settings(tmp_path):
    loaded = base.load('c', {'driver': 'local', 'path': str(tmp_path)})
    assert isinstance(loaded, local.LocalStorage)
    with pytest.raises(ValueError):
        base.load('c', {'driver': 'tape'})


class RecordingConnection(object):
    """swiftclient.Connection's constructor and get_auth, recorded."""
    made = []

    def __init__(self, **kwargs):
        self.kwargs = kwargs
        self.url = kwargs.get('preauthurl')
        RecordingConnection.made.append(kwargs)

    def get_auth(self):
        return 'http://swift.example/v1/AUTH_backups', 'a-token'


@pytest.fixture
def swift_conf(monkeypatch):
    from swiftclient import client as swift_client
    from trove.conf import CONF
    monkeypatch.setattr(swift_client, 'Connection', RecordingConnection)
    RecordingConnection.made = []
    overrides = dict(swift_auth_url='http://keystone.example/v3',
                     swift_user='trove-backup', swift_key='s3cret',
                     swift_project='trove-backups',
                     swift_segment_size=2 * 1024 * 1024)
    for name, value in overrides.items():
        CONF.set_override(name, value, group='backup')
    yield
    for name in overrides:
        CONF.clear_override(name, group='backup')


def test_swift_settings_give_guests_a_token_not_the_password(swift_conf):
    settings = base.settings('swift')
    assert settings == {'driver': 'swift', 'token': 'a-token',
                        'storage_url': 'http://swift.example/v1/AUTH_backups',
                        'segment_size': 2 * 1024 * 1024}
    assert 's3cret' not in json.dumps(settings)
    # The password was used here only, to get the token.
    (made,) = RecordingConnection.made
    assert made['key'] == 's3cret' and made['user'] == 'trove-backup'
    assert made['os_options']['project_name'] == 'trove-backups'


def test_swift_store_connects_with_the_token(swift_conf):
    storage = base.load('c', base.settings('swift'))
    assert isinstance(storage, swift.SwiftStorage)
    assert storage.connection.kwargs['preauthtoken'] == 'a-token'
    assert 'key' not in storage.connection.kwargs
    assert storage.location('b.enc') == (
        'http://swift.example/v1/AUTH_backups/c/b.enc')
    assert storage.segment_size == 2 * 1024 * 1024


def test_swift_delete_sweeps_segments_left_without_a_manifest():
    """A put cut off by Swift going away leaves segments its own cleanup
    could not remove; deleting the backup later removes them."""
    fake = FakeSwift()
    storage = swift.SwiftStorage('c', fake, segment_size=1000)
    fake.put_container('c')
    for number in range(2):
        fake.put_object('c', 'b.enc_segments/%08d' % number, [b'z' * 1000])
    fake.put_object('c', 'other.enc_segments/00000000', [b'o'])
    storage.delete_with_metadata('b.enc')
    assert sorted(fake.containers['c']) == ['other.enc_segments/00000000']
    swift.SwiftStorage('gone', fake, 1000).delete('b.enc')  # no container
