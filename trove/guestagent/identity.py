"""The agent drops from root to its instance's user, keeping a root helper.

Called once the config is read (guest.conf is root's: the driver keeps it
where the instance's user cannot read it) and before anything else runs.
The agent is then non-dumpable, so that another process of its user (the
engine, which tenants control) can neither trace it nor read its memory,
its descriptors or its keys through /proc.
"""
import ctypes
import importlib
import json
import os
import pwd
import socket
import sys
import threading

from oslo_log import log as logging
# stevedore's own cache of entry points, which its managers read: the
# module is internal, hence the unit test of what the agent relies on.
from stevedore import _cache

from trove.guestagent import root_helper

LOG = logging.getLogger(__name__)

PR_SET_DUMPABLE = 4
# The first namespace the agent looks up once dropped (any would fill
# stevedore's cache for all of them).
RPC_EXECUTORS = 'oslo.messaging.executors'
# Where an import directory kept open is reached.
_KEPT = '/proc/self/fd/'

_helper = None


class HelperClient(object):
    """The agent's end of the socket pair: one request at a time."""

    def __init__(self, sock, pid):
        self.sock = sock
        self.pid = pid
        self._lock = threading.Lock()

    def call(self, op, **arguments):
        """The result of ``op``; (result, fd) when the helper sends one."""
        message = json.dumps(dict(arguments, op=op)).encode()
        with self._lock:
            self.sock.send(message)
            data, fds, _flags, _address = socket.recv_fds(
                self.sock, root_helper.MESSAGE_BYTES, 1)
        if not data:
            raise root_helper.HelperError('the root helper has exited')
        reply = json.loads(data)
        if 'error' in reply:
            for fd in fds:
                os.close(fd)
            raise root_helper.HelperError(reply['error'])
        if fds:
            return reply['result'], fds[0]
        return reply['result']


def helper():
    """The root helper of this agent, or None (it runs as root itself)."""
    return _helper


def drop_privileges(conf):
    """Become ``conf.system_user`` if started as root with one configured;
    returns the helper client (None when nothing was dropped)."""
    global _helper
    if os.geteuid() != 0 or not conf.system_user:
        return None
    entry = pwd.getpwnam(conf.system_user)
    scope = root_helper.Scope(conf.volume_path, entry.pw_uid, entry.pw_gid,
                              conf.datadir_cache_path, conf.local_backup_path)
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            ours.close()
            root_helper.serve(theirs, scope)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    theirs.close()
    prepare_imports()
    os.setgroups([])
    os.setresgid(entry.pw_gid, entry.pw_gid, entry.pw_gid)
    os.setresuid(entry.pw_uid, entry.pw_uid, entry.pw_uid)
    _set_dumpable(False)
    os.umask(0o077)
    os.environ.update(HOME=conf.instance_dir, USER=entry.pw_name,
                      LOGNAME=entry.pw_name)
    _helper = HelperClient(ours, pid)
    LOG.info('Running as %s (uid %d), root helper pid %d', entry.pw_name,
             entry.pw_uid, pid)
    return _helper


def _reachable_by_others(path):
    """True if a user neither owner nor in the group can list ``path``."""
    path = os.path.abspath(path)
    ancestor = path
    while True:
        try:
            if not os.stat(ancestor).st_mode & 0o001:
                return False
        except OSError:
            return True  # nothing there to lose
        if ancestor == os.path.dirname(ancestor):
            break
        ancestor = os.path.dirname(ancestor)
    return bool(os.stat(path).st_mode & 0o004)


def prepare_imports():
    """What the agent imports or looks up after the drop stays reachable
    and cheap: its import directories, and the entry points of every
    installed distribution (read now, as root). The standby does it once
    for all the agents it forks (they inherit its descriptors and memory);
    done again in one of them, it changes nothing."""
    _keep_import_paths()
    _read_entry_points()


def _keep_import_paths():
    """Modules imported later (many are, lazily) must still be found once
    the agent is not root: where an import directory sits under one that
    only root may enter (an interpreter installed in /root), the agent
    keeps a descriptor of it and imports through /proc/self/fd, which
    reaches the directory without passing through its parents."""
    kept, moved = [], {}
    for entry in sys.path:
        if entry.startswith(_KEPT):
            kept.append(entry)  # kept already (by the standby)
            continue
        if entry and not os.path.exists(entry):
            # (root sees it is not there; the user would get EACCES,
            # which stevedore's scan of sys.path does not expect)
            continue
        if entry and os.path.isdir(entry) and \
                not _reachable_by_others(entry):
            fd = os.open(entry, os.O_RDONLY | os.O_DIRECTORY)
            moved[entry] = _KEPT + str(fd)
            entry = moved[entry]
        kept.append(entry)
    sys.path[:] = kept
    if not moved:
        return
    # Packages already imported find their submodules (encodings.idna)
    # through their own __path__.
    for module in list(sys.modules.values()):
        paths = getattr(module, '__path__', None)
        if isinstance(paths, list):
            paths[:] = [_moved(path, moved) for path in paths]
    sys.path_importer_cache.clear()
    importlib.invalidate_caches()


def _read_entry_points():
    """stevedore reads the entry points of every distribution once per
    sys.path, and keeps them in memory and in a file under the home it was
    imported with (root's: the instance's user cannot read it). The
    rewritten sys.path is a new key, so the first plugin looked up after
    the drop (the RPC server's executor, at least) would scan every
    distribution again as the user: about 0.09 s of CPU on an idle host,
    0.3 s and more on a busy one, just before the agent serves. Read as
    root now, that is a hit in root's file from the second agent on, and
    every lookup after the drop is answered from memory."""
    _cache.get_group_all(RPC_EXECUTORS)


def _moved(path, moved):
    for old, new in moved.items():
        if path == old or path.startswith(old + os.sep):
            return new + path[len(old):]
    return path


def _set_dumpable(value):
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_DUMPABLE, int(value), 0, 0, 0) != 0:
        error = ctypes.get_errno()
        raise OSError(error, 'prctl(PR_SET_DUMPABLE): %s'
                      % os.strerror(error))
