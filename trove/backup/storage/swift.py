"""Backups in Swift: each object is stored as numbered segments under
``<name>_segments/`` and made visible, whole, by a static large object
manifest at ``<name>`` written last. Swift checks each segment's etag
(md5) against the manifest, so a manifest never names a partial segment.
"""
import hashlib
import json

from oslo_log import log as logging

from trove.backup.storage import base

LOG = logging.getLogger(__name__)

READ_CHUNK = 1024 * 1024


def _account(conf):
    """The backup account, by its password ([backup] swift_*)."""
    from swiftclient import client as swift_client
    return swift_client.Connection(
        authurl=conf.swift_auth_url, user=conf.swift_user,
        key=conf.swift_key, auth_version=conf.swift_auth_version,
        os_options={'project_name': conf.swift_project,
                    'user_domain_id': 'default',
                    'project_domain_id': 'default'},
        retries=3)


def settings(conf):
    """What a guest (or the taskmanager) needs for one backup or restore:
    the account's storage URL and a token, never the password. The token
    lives as long as Keystone's tokens do ([token] expiration, an hour by
    default): a backup or restore must end within it."""
    url, token = _account(conf).get_auth()
    return {'driver': 'swift', 'storage_url': url, 'token': token,
            'segment_size': conf.swift_segment_size}


def connect(settings):
    from swiftclient import client as swift_client
    return swift_client.Connection(preauthurl=settings['storage_url'],
                                   preauthtoken=settings['token'],
                                   retries=3)


def _not_found(error):
    return getattr(error, 'http_status', None) == 404


class _Segment(object):
    """Reads at most ``limit`` bytes of a chunk iterator, hashing them,
    without holding more than one chunk."""

    def __init__(self, source, leftover, limit):
        self._source = source
        self.leftover = leftover
        self._limit = limit
        self.size = 0
        self.md5 = hashlib.md5(usedforsecurity=False)
        self.exhausted = False

    def __iter__(self):
        while self.size < self._limit:
            chunk = self.leftover or next(self._source, None)
            self.leftover = b''
            if chunk is None:
                self.exhausted = True
                return
            room = self._limit - self.size
            chunk, self.leftover = chunk[:room], chunk[room:]
            self.size += len(chunk)
            self.md5.update(chunk)
            yield chunk


class SwiftStorage(base.Storage):

    name = 'swift'

    def __init__(self, container, connection, segment_size):
        super().__init__(container)
        self.connection = connection
        self.segment_size = segment_size

    def location(self, name):
        url = self.connection.url or self.connection.get_auth()[0]
        return '%s/%s/%s' % (url.rstrip('/'), self.container, name)

    def _segment_name(self, name, number):
        return '%s_segments/%08d' % (name, number)

    def put(self, name, chunks):
        self.connection.put_container(self.container)
        source, leftover, manifest, number = iter(chunks), b'', [], 0
        try:
            while True:
                segment = _Segment(source, leftover, self.segment_size)
                path = self._segment_name(name, number)
                etag = self.connection.put_object(self.container, path,
                                                  contents=iter(segment))
                leftover = segment.leftover
                if not segment.size and manifest:
                    # The stream ended on a segment boundary.
                    self.connection.delete_object(self.container, path)
                else:
                    if etag and etag.strip('"') != segment.md5.hexdigest():
                        raise IOError('segment %s of %s was corrupted in '
                                      'transit' % (number, name))
                    manifest.append({'path': '/%s/%s' % (self.container,
                                                         path),
                                     'etag': segment.md5.hexdigest(),
                                     'size_bytes': segment.size})
                number += 1
                if segment.exhausted and not leftover:
                    break
            self.connection.put_object(
                self.container, name, contents=json.dumps(manifest),
                query_string='multipart-manifest=put')
        except BaseException:
            self._delete_segments(name, number + 1)
            raise
        return sum(item['size_bytes'] for item in manifest)

    def _delete_segments(self, name, count):
        for number in range(count):
            try:
                self.connection.delete_object(
                    self.container, self._segment_name(name, number))
            except Exception as error:
                if not _not_found(error):
                    LOG.warning('Could not remove segment %d of %s: %s',
                                number, name, error)

    def get(self, name):
        _headers, body = self.connection.get_object(
            self.container, name, resp_chunk_size=READ_CHUNK)
        yield from body

    def delete(self, name):
        """The manifest and its segments, then whatever segments a put cut
        off before its manifest (Swift gone in the middle) left behind."""
        try:
            self.connection.delete_object(
                self.container, name,
                query_string='multipart-manifest=delete')
        except Exception as error:
            if not _not_found(error):
                raise
        try:
            _headers, listing = self.connection.get_container(
                self.container, prefix=name + '_segments/',
                full_listing=True)
        except Exception as error:
            if _not_found(error):
                return
            raise
        for item in listing:
            try:
                self.connection.delete_object(self.container, item['name'])
            except Exception as error:
                if not _not_found(error):
                    raise

    def exists(self, name):
        try:
            self.connection.head_object(self.container, name)
            return True
        except Exception as error:
            if _not_found(error):
                return False
            raise
