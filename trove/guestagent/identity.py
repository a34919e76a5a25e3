"""The agent drops from root to its instance's user, keeping a root helper.

Called once the config is read (guest.conf is root's: the driver keeps it
where the instance's user cannot read it) and before anything else runs.
The agent is then non-dumpable, so that another process of its user (the
engine, which tenants control) can neither trace it nor read its memory,
its descriptors or its keys through /proc.
"""
import ctypes
import json
import os
import pwd
import socket
import threading

from oslo_log import log as logging

from trove.guestagent import root_helper

LOG = logging.getLogger(__name__)

PR_SET_DUMPABLE = 4

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


def _set_dumpable(value):
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_DUMPABLE, int(value), 0, 0, 0) != 0:
        error = ctypes.get_errno()
        raise OSError(error, 'prctl(PR_SET_DUMPABLE): %s'
                      % os.strerror(error))
