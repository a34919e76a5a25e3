"""Backups in a directory of this host ([backup] local_storage_path), one
subdirectory per container. Written under a temporary name, fsynced and
renamed, so an object exists only whole and survives a host crash."""
import os

from trove.backup.storage import base
from trove.conf import CONF

READ_CHUNK = 1024 * 1024


class LocalStorage(base.Storage):

    name = 'local'

    def __init__(self, container, root=None):
        super().__init__(container)
        self.root = os.path.join(root or CONF.backup.local_storage_path,
                                 container)

    def _path(self, name):
        if '/' in name or name.startswith('.'):
            raise ValueError('invalid object name %r' % name)
        return os.path.join(self.root, name)

    def location(self, name):
        return 'file://' + self._path(name)

    def put(self, name, chunks):
        os.makedirs(self.root, mode=0o700, exist_ok=True)
        path = self._path(name)
        partial = path + '.partial'
        size = 0
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, 'wb', closefd=False) as out:
                for chunk in chunks:
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(fd)
        except BaseException:
            os.close(fd)
            _remove(partial)
            raise
        os.close(fd)
        os.replace(partial, path)
        _fsync_dir(self.root)
        return size

    def get(self, name):
        path = self._path(name)
        with open(path, 'rb') as stored:
            while True:
                chunk = stored.read(READ_CHUNK)
                if not chunk:
                    return
                yield chunk

    def delete(self, name):
        _remove(self._path(name))

    def exists(self, name):
        return os.path.exists(self._path(name))


def _remove(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _fsync_dir(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
