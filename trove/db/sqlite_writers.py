"""Writers of one SQLite file, across processes, served in turn.

SQLite has one writer at a time. A process that finds the file locked
sleeps in SQLite's busy handler and tries again (up to 100 ms a time); a
process that writes back to back (the conductor under heavy heartbeat load)
takes the lock again within microseconds of letting it go, so the sleeper
can miss every free moment until its busy timeout runs out ("database is
locked": a failed API request).

Here writers wait in the kernel instead, on two lock files beside the
database, taken in this order: the queue, then the write lock, and the
queue is let go once the write lock is held. A writer that just finished
must get the queue again before it can write again, and the one waiting
for the write lock holds it: the waiter goes first. So no writer waits
longer than the writes of those ahead of it.
"""
import contextlib
import fcntl
import os
import threading

_files = {}
_guard = threading.Lock()


def _open(path):
    with _guard:
        found = _files.get(path)
        if found is None or found[0] != os.getpid():
            # A forked child needs files of its own: flock locks belong to
            # the open file, which a fork shares.
            queue = os.open(path + '.write-queue',
                            os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            lock = os.open(path + '.write-lock',
                           os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            found = _files[path] = (os.getpid(), queue, lock)
        return found[1], found[2]


def close_all():
    """Close the lock files (the engine is dropped: a new URL may follow,
    and each pair left open would be a descriptor lost). Closing a copy
    inherited through a fork lets no lock go: the parent's stays open."""
    with _guard:
        for _pid, queue, lock in _files.values():
            os.close(queue)
            os.close(lock)
        _files.clear()


@contextlib.contextmanager
def turn(database_path):
    """Hold the write turn of the SQLite file at ``database_path``. Threads
    of one process must not call this concurrently (the caller serializes
    them: flock locks are the process's, not the thread's)."""
    queue, lock = _open(database_path)
    fcntl.flock(queue, fcntl.LOCK_EX)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
    finally:
        fcntl.flock(queue, fcntl.LOCK_UN)
    try:
        yield
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
