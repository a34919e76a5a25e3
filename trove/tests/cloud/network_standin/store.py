"""The stand-in's records, one JSON file that survives a restart.

Every change is read-modify-write of the whole file under an exclusive
flock and replaced atomically: the file stays small (a test cloud has a
handful of networks and ports) and several workers stay consistent.
"""
import contextlib
import fcntl
import json
import os

COLLECTIONS = ('networks', 'subnets', 'ports', 'security_groups',
               'security_group_rules')


class Store(object):

    def __init__(self, path):
        self.path = path
        self.lock_path = path + '.lock'

    @contextlib.contextmanager
    def _locked(self, exclusive):
        os.makedirs(os.path.dirname(self.path) or '.', exist_ok=True)
        with open(self.lock_path, 'a') as lock:
            fcntl.flock(lock, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _load(self):
        try:
            with open(self.path) as data:
                records = json.load(data)
        except FileNotFoundError:
            records = {}
        for name in COLLECTIONS:
            records.setdefault(name, {})
        return records

    def _save(self, records):
        draft = self.path + '.draft'
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, 'w') as data:
            json.dump(records, data, indent=1, sort_keys=True)
        os.replace(draft, self.path)

    def read(self):
        """A snapshot of every collection: {collection: {id: record}}."""
        with self._locked(exclusive=False):
            return self._load()

    @contextlib.contextmanager
    def change(self):
        """Yields the records to modify in place; saved on a clean exit."""
        with self._locked(exclusive=True):
            records = self._load()
            yield records
            self._save(records)
