"""One system user and group per instance: its engine and agent run as it.

The name is derived from the instance id (a hash, since ids are longer
than user names may be) so that every call, including a delete re-driven
after a crash, finds the same user without any record of it.
"""
import contextlib
import fcntl
import grp
import hashlib
import os
import pwd
import time

from oslo_log import log as logging

from trove.common import exception
from trove.compute.local import commands

LOG = logging.getLogger(__name__)

PREFIX = 'trove-i-'
# useradd and userdel exit 10 when another one holds /etc/passwd's lock.
_LOCKED = 10
_ATTEMPTS = 20
_NO_LOGIN = '/usr/sbin/nologin'


def user_name(instance_id):
    digest = hashlib.sha256(instance_id.encode()).hexdigest()[:12]
    return PREFIX + digest


def ids(name):
    """(uid, gid) of ``name``, or None if there is no such user."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return None
    return entry.pw_uid, entry.pw_gid


@contextlib.contextmanager
def _serialized(lock_dir):
    # Creates run side by side (threads and taskmanagers): one passwd edit
    # at a time instead of useradd's few lock retries.
    os.makedirs(lock_dir, mode=0o700, exist_ok=True)
    with open(os.path.join(lock_dir, '.users.lock'), 'a') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _run(lock_dir, *command):
    for attempt in range(_ATTEMPTS):
        with _serialized(lock_dir):
            result = commands.execute(*command, ok_codes=(0, _LOCKED))
        if result.returncode == 0:
            return
        time.sleep(0.05 * (attempt + 1))
    raise exception.ComputeError(
        reason='%s: /etc/passwd stayed locked' % ' '.join(command))


def ensure_user(instance_id, lock_dir):
    """The instance's user (created if missing): (name, uid, gid)."""
    name = user_name(instance_id)
    found = ids(name)
    if found is None:
        # No home and no shell: nobody logs in as it, it only owns files
        # and processes. Its own group, so that group bits leak nothing.
        _run(lock_dir, 'useradd', '--system', '--no-create-home',
             '--home-dir', '/nonexistent', '--shell', _NO_LOGIN,
             '--user-group', '--comment', 'Trove instance %s' % instance_id,
             name)
        found = ids(name)
        LOG.info('Created user %s (uid %d) for instance %s', name,
                 found[0], instance_id)
    return (name,) + found


def remove_user(instance_id, lock_dir):
    """Remove the instance's user and group; already gone is fine."""
    name = user_name(instance_id)
    if ids(name) is not None:
        _run(lock_dir, 'userdel', name)
        LOG.info('Removed user %s of instance %s', name, instance_id)
    try:
        grp.getgrnam(name)
    except KeyError:
        return
    _run(lock_dir, 'groupdel', name)
