"""Who runs an instance's workflows, and who runs a periodic pass, when
several taskmanagers share the bus and the control DB.

An instance's workflows (a create and the delete that follows it) never
interleave: each takes the instance's claim in the DB (trove.db.api.claims)
and keeps renewing it while it runs. A taskmanager that dies stops
renewing; after ``[taskmanager] claim_expiry`` another may take the claim,
and the reaper, which finds the dead one's task past its deadline, re-drives
or fails it there.

Threads of one process first queue on a lock of their own, so that only one
of them polls the DB for a claim. An entry of that table lives only while
some thread holds or waits for it.
"""
import contextlib
import os
import socket
import threading
import time
import uuid

from oslo_log import log as logging

from trove.conf import CONF
from trove.db.api import claims

LOG = logging.getLogger(__name__)

# This process, as its claims name it: the host says where, the pid which
# process, the rest tells a restarted process with a reused pid apart.
HOLDER = '%s:%d:%s' % (socket.gethostname(), os.getpid(),
                       uuid.uuid4().hex[:8])
# How often a waiter asks again for a claim another process holds.
_POLL_SECONDS = (0.02, 0.5)

_guard = threading.Lock()
# instance id -> [lock, number of threads holding or waiting for it]
_locks = {}


def _ttl():
    return CONF.taskmanager.claim_expiry


class _Renewer(object):
    """Keeps a claim from expiring while the work it guards runs."""

    def __init__(self, name):
        self.name = name
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name='renew-%s' % name)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.wait(_ttl() / 3.0):
            try:
                if not claims.renew(self.name, HOLDER, _ttl()):
                    LOG.error('Lost the claim %s: another taskmanager took '
                              'it after it expired.', self.name)
                    return
            except Exception:
                # The DB may be back before the claim expires.
                LOG.exception('Could not renew the claim %s.', self.name)


def _wait_for_claim(name):
    delay, longest = _POLL_SECONDS
    while not claims.take(name, HOLDER, _ttl()):
        time.sleep(delay)
        delay = min(delay * 2, longest)


@contextlib.contextmanager
def instance_lock(instance_id):
    with _guard:
        entry = _locks.setdefault(instance_id, [threading.Lock(), 0])
        entry[1] += 1
    try:
        with entry[0]:
            name = 'instance:%s' % instance_id
            _wait_for_claim(name)
            try:
                with _Renewer(name):
                    yield
            finally:
                claims.release(name, HOLDER)
    finally:
        with _guard:
            entry[1] -= 1
            if not entry[1]:
                del _locks[instance_id]


def periodic_pass(name, interval):
    """True if this process is to run this pass of periodic work ``name``.

    Its claim is kept, not released: the same process runs the next
    passes, and another takes over only once it stopped renewing it (for
    ``claim_expiry``, or ``interval`` if longer). So each pass runs once,
    however many taskmanagers there are."""
    return claims.take('periodic:%s' % name, HOLDER,
                       max(_ttl(), interval * 2))


def claimed(name, interval, work):
    """``work`` as a periodic task that runs only where its pass is
    claimed (see periodic_pass)."""
    def run_if_claimed():
        if periodic_pass(name, interval):
            work()
    run_if_claimed.__name__ = name
    return run_if_claimed


def held_count():
    """How many instances have a lock entry in this process (for tests and
    debugging)."""
    with _guard:
        return len(_locks)
