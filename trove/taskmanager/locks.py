"""One lock per instance, so that two workflows of the same instance (a
create and the delete that follows it) never interleave in this process.

An entry lives only while some thread holds or waits for its lock: the
table would otherwise keep one lock per instance ever handled.
"""
import contextlib
import threading

_guard = threading.Lock()
# instance id -> [lock, number of threads holding or waiting for it]
_locks = {}


@contextlib.contextmanager
def instance_lock(instance_id):
    with _guard:
        entry = _locks.setdefault(instance_id, [threading.Lock(), 0])
        entry[1] += 1
    try:
        with entry[0]:
            yield
    finally:
        with _guard:
            entry[1] -= 1
            if not entry[1]:
                del _locks[instance_id]


def held_count():
    """How many instances have a lock entry (for tests and debugging)."""
    with _guard:
        return len(_locks)
