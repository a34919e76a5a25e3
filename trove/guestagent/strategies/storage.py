"""The backup store as the guest reaches it.

An agent that runs as its instance's user cannot, and must not, write the
local store's directory (every tenant's backups are there): its root
helper opens and renames the objects for it, and the bytes go through the
descriptors it hands over. Other stores (swift) are reached directly.
"""
import os

from trove.backup.storage import base
from trove.backup.storage import local
from trove.conf import CONF
from trove.guestagent import identity


def load(container, settings):
    helper = identity.helper()
    if helper is not None and settings['driver'] == 'local':
        return HelperStorage(container, helper)
    return base.load(container, settings)


class HelperStorage(local.LocalStorage):

    def __init__(self, container, helper):
        super().__init__(container,
                         root=CONF.guest_agent.local_backup_path or '/')
        self._helper = helper

    def _call(self, op, name, **arguments):
        self._path(name)  # the same names as the local store, checked here
        return self._helper.call(op, container=self.container, name=name,
                                 **arguments)

    def put(self, name, chunks):
        _result, fd = self._call('backup_open', name, mode='write')
        size = 0
        try:
            with os.fdopen(fd, 'wb') as out:
                for chunk in chunks:
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            self._call('backup_remove', name)
            raise
        self._call('backup_commit', name)
        return size

    def get(self, name):
        _result, fd = self._call('backup_open', name, mode='read')
        with os.fdopen(fd, 'rb') as stored:
            while True:
                chunk = stored.read(local.READ_CHUNK)
                if not chunk:
                    return
                yield chunk

    def delete(self, name):
        self._call('backup_remove', name)

    def exists(self, name):
        return self._call('backup_exists', name)
