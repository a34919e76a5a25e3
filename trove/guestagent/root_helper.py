"""The few steps of an unprivileged agent that need root.

An agent started as root (the local compute driver starts it so) forks
this helper, then drops to its instance's own user. The helper keeps
root and answers, over a socket pair only the agent holds, a handful of
requests, each confined to this instance: copy a fresh data directory
from or into the host's cache (which no instance may write, or one could
plant files in the next one's), and open, commit or remove objects of the
local backup store (which holds every tenant's backups). Names are
checked, paths must resolve inside the instance's volume, and nothing the
agent sends is a path into the cache or the store. The helper exits when
the agent goes (its end of the socket closes).
"""
import json
import os
import re
import socket

from oslo_log import log as logging

from trove.guestagent.datastores.common import datadir_cache

LOG = logging.getLogger(__name__)

_CACHE_KEY = re.compile(r'^[0-9a-f]{32}\Z')
_OBJECT_NAME = re.compile(r'^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}\Z')
MESSAGE_BYTES = 64 * 1024


class HelperError(Exception):
    """The helper refused or failed a request."""


class Scope(object):
    """What one instance's helper may touch."""

    def __init__(self, volume_path, uid, gid, cache_dir, backup_root):
        self.volume_path = os.path.realpath(volume_path)
        self.uid = uid
        self.gid = gid
        self.cache_dir = cache_dir
        self.backup_root = backup_root

    def volume_path_of(self, path):
        # The agent's user owns the volume: resolve its links before
        # trusting where a path goes.
        real = os.path.realpath(path)
        if not real.startswith(self.volume_path + os.sep):
            raise HelperError('%s is not on this instance\'s volume' % path)
        return real

    def backup_path(self, container, name):
        for value in (container, name):
            if not isinstance(value, str) or not _OBJECT_NAME.match(value):
                raise HelperError('invalid backup object name %r' % (value,))
        if not self.backup_root:
            raise HelperError('this agent has no local backup store')
        return os.path.join(self.backup_root, container, name)


def _cache_key(value):
    if not isinstance(value, str) or not _CACHE_KEY.match(value):
        raise HelperError('invalid cache key %r' % (value,))
    return value


def _chown_tree(top, uid, gid):
    os.lchown(top, uid, gid)
    for parent, dirs, files in os.walk(top):
        for name in dirs + files:
            os.lchown(os.path.join(parent, name), uid, gid)


def cache_restore(scope, key, target):
    target = scope.volume_path_of(target)
    if not datadir_cache.copy_from_cache(scope.cache_dir, _cache_key(key),
                                         target):
        return False
    _chown_tree(target, scope.uid, scope.gid)
    return True


def cache_save(scope, key, source):
    datadir_cache.copy_into_cache(scope.cache_dir, _cache_key(key),
                                  scope.volume_path_of(source), owner=(0, 0))
    return True


def backup_open(scope, container, name, mode):
    path = scope.backup_path(container, name)
    if mode == 'read':
        return None, os.open(path, os.O_RDONLY)
    if mode != 'write':
        raise HelperError('invalid mode %r' % (mode,))
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    return None, os.open(path + '.partial',
                         os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)


def backup_commit(scope, container, name):
    path = scope.backup_path(container, name)
    os.replace(path + '.partial', path)
    fd = os.open(os.path.dirname(path), os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return True


def backup_remove(scope, container, name):
    path = scope.backup_path(container, name)
    for each in (path + '.partial', path):
        try:
            os.unlink(each)
        except FileNotFoundError:
            pass
    return True


def backup_exists(scope, container, name):
    return os.path.exists(scope.backup_path(container, name))


OPERATIONS = {
    'cache_restore': cache_restore,
    'cache_save': cache_save,
    'backup_open': backup_open,
    'backup_commit': backup_commit,
    'backup_remove': backup_remove,
    'backup_exists': backup_exists,
}


def answer(scope, message):
    """(reply dict, fd or None) for one request; never raises."""
    try:
        request = json.loads(message)
        operation = OPERATIONS[request.pop('op')]
        result = operation(scope, **request)
    except Exception as error:  # any failure is the agent's to report
        return {'error': '%s: %s' % (type(error).__name__, error)}, None
    if isinstance(result, tuple):
        result, fd = result
        return {'result': result}, fd
    return {'result': result}, None


def serve(sock, scope):
    """Answer requests until the agent's end closes."""
    while True:
        try:
            message = sock.recv(MESSAGE_BYTES)
        except OSError:
            return
        if not message:
            return
        reply, fd = answer(scope, message)
        data = json.dumps(reply).encode()
        try:
            if fd is None:
                sock.send(data)
            else:
                socket.send_fds(sock, [data], [fd])
        except OSError:
            return
        finally:
            if fd is not None:
                os.close(fd)
