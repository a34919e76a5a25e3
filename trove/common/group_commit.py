"""Many threads' small writes, stored together in one transaction.

A commit waits for the disk (fsync), about a millisecond here; thousands
of heartbeats a second, each committed alone, would spend all their time
there. A thread that submits an item while no write is under way writes
it at once, alone: no delay when idle. Items submitted meanwhile queue up,
and that thread, before it returns, writes each queue that formed in one
transaction of its own. Every submitter gets its own item's result (or
the batch's error) once its batch is committed.
"""
import threading


class _Slot(object):

    def __init__(self, item):
        self.item = item
        self.done = threading.Event()
        self.result = None
        self.error = None


class GroupCommit(object):

    def __init__(self, write_batch):
        """``write_batch(items)`` stores the items in one transaction and
        returns their results, in order."""
        self._write_batch = write_batch
        self._lock = threading.Lock()
        self._pending = []
        self._writing = False

    def submit(self, item):
        slot = _Slot(item)
        with self._lock:
            self._pending.append(slot)
            leads = not self._writing
            self._writing = True
        if leads:
            self._write_all()
        slot.done.wait()
        if slot.error is not None:
            raise slot.error
        return slot.result

    def _write_all(self):
        while True:
            with self._lock:
                batch, self._pending = self._pending, []
                if not batch:
                    self._writing = False
                    return
            try:
                results = self._write_batch([slot.item for slot in batch])
            except Exception as error:
                for slot in batch:
                    slot.error = error
            else:
                for slot, result in zip(batch, results):
                    slot.result = result
            for slot in batch:
                slot.done.set()
