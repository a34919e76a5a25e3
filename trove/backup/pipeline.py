"""Stages of a stream that run side by side, as in a shell pipeline.

``read_ahead`` iterates a stream in a thread of its own, a bounded number
of chunks ahead of its consumer. The work of our stages (pipe reads, zstd,
AES-GCM, sha256, file writes) releases the GIL, so two stages split by a
read-ahead use two cores, as ``tool | zstd > file`` does.
"""
import queue
import threading

# How long a blocked stage waits before it looks whether the other side
# gave up.
_POLL_SECONDS = 0.1


class _End(object):
    pass


class _Failure(object):

    def __init__(self, error):
        self.error = error


def read_ahead(chunks, depth=8, name='read-ahead', on_stop=None):
    """The chunks of the iterable ``chunks``, produced in another thread
    up to ``depth`` chunks ahead (nothing starts until the first is
    asked for). The producer's error is raised to the consumer where the
    stream would have gone on. A consumer that stops early (close, error)
    calls ``on_stop`` (to unblock a producer stuck in a read: kill its
    tool), stops the producer and closes its generator, so its cleanup
    runs."""
    handoff = queue.Queue(maxsize=depth)
    stopped = threading.Event()

    def hand_on(item):
        while not stopped.is_set():
            try:
                handoff.put(item, timeout=_POLL_SECONDS)
                return True
            except queue.Full:
                pass
        return False

    def produce():
        try:
            for chunk in chunks:
                if not hand_on(chunk):
                    return
            hand_on(_End)
        except BaseException as error:   # handed to the consumer
            hand_on(_Failure(error))
        finally:
            close = getattr(chunks, 'close', None)
            if close is not None:
                close()

    producer = threading.Thread(target=produce, name=name, daemon=True)
    producer.start()
    ended = False
    try:
        while True:
            item = handoff.get()
            if item is _End:
                ended = True
                return
            if isinstance(item, _Failure):
                raise item.error
            yield item
    finally:
        stopped.set()
        if on_stop is not None and not ended:
            on_stop()
        producer.join()
