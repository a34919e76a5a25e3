"""One lock per instance, so that two workflows of the same instance (a
create and the delete that follows it) never interleave in this process."""
import collections
import contextlib
import threading

_guard = threading.Lock()
_locks = collections.defaultdict(threading.Lock)


@contextlib.contextmanager
def instance_lock(instance_id):
    with _guard:
        lock = _locks[instance_id]
    with lock:
        yield
