"""Where backups are stored: a small interface, one class per backend.

An object becomes visible only once it is stored whole (put), so that a
reader never sees half a backup. Each backup's metadata (its chain, the
engine's positions, the wrapped data key) is stored beside it, so that the
store alone, with the master key, is enough to restore.
"""
import abc
import json

METADATA_SUFFIX = '.meta.json'


class Storage(abc.ABC):

    name = None

    def __init__(self, container):
        self.container = container

    @abc.abstractmethod
    def location(self, name):
        """The object's URL (the backup's locationRef)."""

    @abc.abstractmethod
    def put(self, name, chunks):
        """Store the chunks as object ``name``, atomically; returns the
        number of bytes stored. Nothing is left on failure."""

    @abc.abstractmethod
    def get(self, name):
        """The object's bytes, as an iterator of chunks."""

    @abc.abstractmethod
    def delete(self, name):
        """Remove the object; no error if it is not there."""

    @abc.abstractmethod
    def exists(self, name):
        pass

    def put_metadata(self, name, metadata):
        self.put(name + METADATA_SUFFIX,
                 iter([json.dumps(metadata, sort_keys=True).encode()]))

    def metadata(self, name):
        return json.loads(b''.join(self.get(name + METADATA_SUFFIX)))

    def delete_with_metadata(self, name):
        self.delete(name + METADATA_SUFFIX)
        self.delete(name)


def settings(driver):
    """What a guest needs to reach the store of ``driver``: sent with each
    backup or restore over the guest's encrypted RPC (for swift a token,
    got here, with the backup account's password)."""
    from trove.conf import CONF
    conf = CONF.backup
    if driver == 'local':
        return {'driver': driver, 'path': conf.local_storage_path}
    if driver == 'swift':
        from trove.backup.storage import swift
        return swift.settings(conf)
    raise ValueError('unknown backup storage driver %r' % driver)


def load(container, settings):
    """The backend that ``settings`` (from settings()) describe."""
    if settings['driver'] == 'local':
        from trove.backup.storage import local
        return local.LocalStorage(container, root=settings['path'])
    if settings['driver'] == 'swift':
        from trove.backup.storage import swift
        return swift.SwiftStorage(
            container, connection=swift.connect(settings),
            segment_size=settings['segment_size'])
    raise ValueError('unknown backup storage driver %r'
                     % settings['driver'])
