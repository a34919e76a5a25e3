"""GuestManager: prepare in the background, outcome through heartbeats."""
import threading

import pytest

from trove.guestagent import manager as guest_manager
from trove.instance.status import ServiceStatus
from trove.tests.unit.guestagent import fakes


@pytest.fixture
def conductor():
    return fakes.FakeConductor()


def _manager(datastore, conductor):
    manager = guest_manager.GuestManager(datastore, 'inst-1', 60,
                                         conductor=conductor)
    manager.heartbeat.start()
    return manager


def test_prepare_reports_build_then_healthy(conductor):
    gate = threading.Event()
    datastore = fakes.FakeDatastore(gate=gate)
    manager = _manager(datastore, conductor)
    try:
        conductor.wait_for(ServiceStatus.NEW)
        manager.prepare(None, [{'name': 'db'}], [])
        # prepare returned while the engine is still being prepared.
        assert manager.get_status(None) == ServiceStatus.BUILD
        conductor.wait_for(ServiceStatus.BUILD)
        gate.set()
        # Long before the 60 s interval: reported as soon as it is done.
        conductor.wait_for(ServiceStatus.HEALTHY)
        assert datastore.prepare_calls == [([{'name': 'db'}], [])]
        assert conductor.faults == []
    finally:
        manager.heartbeat.stop()


def test_second_prepare_does_nothing(conductor):
    gate = threading.Event()
    datastore = fakes.FakeDatastore(gate=gate)
    manager = _manager(datastore, conductor)
    try:
        manager.prepare(None, [], [])
        manager.prepare(None, [], [])      # while the first one runs
        gate.set()
        conductor.wait_for(ServiceStatus.HEALTHY)
        manager.prepare(None, [], [])      # once prepared
        assert len(datastore.prepare_calls) == 1
    finally:
        manager.heartbeat.stop()


@pytest.mark.parametrize('error,message', [
    (fakes.EngineFailed('MariaDB failed to start: boom'),
     'MariaDB failed to start: boom'),
    (KeyError('name'), "Prepare failed: KeyError: 'name'"),
    (fakes.EngineFailed('x' * 1000), 'x' * 252 + '...'),
])
def test_failed_prepare_reports_a_fault(conductor, error, message):
    manager = _manager(fakes.FakeDatastore(fail=error), conductor)
    try:
        manager.prepare(None, [], [])
        conductor.wait_for(ServiceStatus.FAILED)
        assert conductor.faults[0][0] == message
        assert 'Traceback' in conductor.faults[0][1]
        assert manager.get_status(None) == ServiceStatus.FAILED
    finally:
        manager.heartbeat.stop()


def test_only_rpc_methods_are_public():
    public = {name for name in vars(guest_manager.GuestManager)
              if not name.startswith('_')}
    assert public == {'RPC_API_VERSION', 'target', 'prepare', 'get_status'}
