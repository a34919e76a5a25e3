"""Test doubles for the guest agent: a conductor and an engine."""
import threading

from trove.guestagent.datastores import base
from trove.guestagent import exception
from trove.instance.status import ServiceStatus


class FakeConductor(object):
    """Records casts; ``wait_for`` blocks until a given status arrives."""

    def __init__(self):
        self.heartbeats = []
        self.volumes = []
        self.faults = []
        self._changed = threading.Condition()

    def heartbeat(self, context, instance_id, status, sent, volume=None):
        with self._changed:
            self.volumes.append(volume)
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


# Every DatabaseAdmin operation, which the guest's RPC API carries.
ADMIN_OPERATIONS = (
    'list_databases', 'create_databases', 'delete_database', 'list_users',
    'get_user', 'create_users', 'delete_user', 'update_user',
    'change_passwords', 'list_access', 'grant_access', 'revoke_access',
    'enable_root', 'disable_root')


def _recorder(operation):
    def record(self, *args, **kwargs):
        self.calls.append((operation, args, kwargs))
        if operation in self.errors:
            raise self.errors[operation]
        return self.results.get(operation)
    record.__name__ = operation
    return record


class FakeAdmin(base.DatabaseAdmin):
    """Records calls; answers from ``results``, raises from ``errors``."""

    def __init__(self):
        self.calls = []
        self.results = {}
        self.errors = {}


for _operation in ADMIN_OPERATIONS:
    setattr(FakeAdmin, _operation, _recorder(_operation))


class FakeDatastore(base.Datastore):

    def __init__(self, fail=None, gate=None):
        super().__init__(settings=None)
        self.fake_admin = FakeAdmin()
        self.fail = fail
        self.gate = gate or threading.Event()
        if gate is None:
            self.gate.set()
        self.prepared = False
        self.prepare_calls = []
        self.running = True
        self.start_error = None

    def prepare(self, databases, users):
        self.prepare_calls.append((databases, users))
        self.gate.wait(5)
        if self.fail:
            raise self.fail
        self.prepared = True

    def is_prepared(self):
        return self.prepared

    def start(self):
        if self.start_error:
            raise self.start_error
        self.running = True

    def stop(self):
        self.running = False

    def status(self):
        if self.running:
            return ServiceStatus.HEALTHY
        return ServiceStatus.SHUTDOWN

    @property
    def admin(self):
        return self.fake_admin


class EngineFailed(exception.GuestError):
    pass
