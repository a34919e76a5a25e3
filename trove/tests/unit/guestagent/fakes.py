"""Test doubles for the guest agent: a conductor and an engine."""
import threading

from trove.guestagent.datastores import base
from trove.guestagent import exception
from trove.instance.status import ServiceStatus


class FakeConductor(object):
    """Records casts; ``wait_for`` blocks until a given status arrives."""

    def __init__(self):
        self.heartbeats = []
        self.faults = []
        self._changed = threading.Condition()

    def heartbeat(self, context, instance_id, status, sent):
        with self._changed:
            self.heartbeats.append(status)
            self._changed.notify_all()

    def report_fault(self, context, instance_id, message, details, sent):
        with self._changed:
            self.faults.append((message, details))
            self._changed.notify_all()

    def wait_for(self, status, timeout=5):
        with self._changed:
            assert self._changed.wait_for(
                lambda: status in self.heartbeats, timeout), self.heartbeats


class FakeDatastore(base.Datastore):

    def __init__(self, fail=None, gate=None):
        super().__init__(settings=None)
        self.fail = fail
        self.gate = gate or threading.Event()
        if gate is None:
            self.gate.set()
        self.prepared = False
        self.prepare_calls = []

    def prepare(self, databases, users):
        self.prepare_calls.append((databases, users))
        self.gate.wait(5)
        if self.fail:
            raise self.fail
        self.prepared = True

    def is_prepared(self):
        return self.prepared

    def start(self):
        pass

    def stop(self):
        pass

    def status(self):
        return ServiceStatus.HEALTHY


class EngineFailed(exception.GuestError):
    pass
