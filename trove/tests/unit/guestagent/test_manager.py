"""GuestManager: prepare in the background, outcome through heartbeats;
databases, users, access and root handed to the datastore's admin."""
import inspect
import threading

from oslo_messaging.rpc import dispatcher
import pytest

from trove.common import exception
from trove.guestagent.datastores import base
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
    assert public == {'RPC_API_VERSION', 'target', 'prepare',
                      'get_status', 'create_backup',
                      'apply_configuration',
                      'get_default_configuration'} | set(
                          fakes.ADMIN_OPERATIONS)


def test_every_admin_operation_is_an_rpc_method():
    operations = {name for name, _ in inspect.getmembers(
        base.DatabaseAdmin, inspect.isfunction) if not name.startswith('_')}
    assert operations == set(fakes.ADMIN_OPERATIONS)
    for name in operations:
        admin_args = list(inspect.signature(
            getattr(base.DatabaseAdmin, name)).parameters)
        server_args = list(inspect.signature(
            getattr(guest_manager.GuestManager, name)).parameters)
        assert server_args == ['self', 'context'] + admin_args[1:], name


# (method, arguments, what the admin receives)
ADMIN_CALLS = [
    ('list_databases', {}, ()),
    ('create_databases', {'databases': [{'name': 'd'}]}, ([{'name': 'd'}],)),
    ('delete_database', {'name': 'd'}, ('d',)),
    ('list_users', {}, ()),
    ('get_user', {'name': 'u', 'host': '%'}, ('u', '%')),
    ('create_users', {'users': [{'name': 'u', 'password': 'p'}]},
     ([{'name': 'u', 'password': 'p'}],)),
    ('delete_user', {'name': 'u', 'host': '%'}, ('u', '%')),
    ('change_passwords', {'users': [{'name': 'u', 'password': 'p'}]},
     ([{'name': 'u', 'password': 'p'}],)),
    ('list_access', {'name': 'u', 'host': '%'}, ('u', '%')),
    ('grant_access', {'name': 'u', 'host': '%', 'databases': ['d']},
     ('u', '%', ['d'])),
    ('revoke_access', {'name': 'u', 'host': '%', 'database': 'd'},
     ('u', '%', 'd')),
    ('enable_root', {'password': 'p'}, ('p',)),
    ('disable_root', {}, ()),
]


@pytest.mark.parametrize('method,arguments,received', ADMIN_CALLS)
def test_admin_calls_are_delegated(conductor, method, arguments, received):
    datastore = fakes.FakeDatastore()
    datastore.fake_admin.results[method] = ['result']
    manager = guest_manager.GuestManager(datastore, 'inst-1', 60,
                                         conductor=conductor)
    assert getattr(manager, method)(None, **arguments) == ['result']
    assert datastore.fake_admin.calls == [(method, received, {})]


def test_update_user_passes_every_change(conductor):
    datastore = fakes.FakeDatastore()
    manager = guest_manager.GuestManager(datastore, 'inst-1', 60,
                                         conductor=conductor)
    manager.update_user(None, 'u', '%', 'v', 'secret', 'h')
    assert datastore.fake_admin.calls == [(
        'update_user', ('u', '%'),
        {'new_name': 'v', 'new_password': 'secret', 'new_host': 'h'})]


@pytest.mark.parametrize('error', [
    exception.NotFound('User u does not exist.'),
    exception.Conflict('Database d already exists.'),
    exception.BadRequest('reserved'),
    exception.DatastoreOperationNotSupported(datastore='redis',
                                             operation='users'),
])
def test_user_errors_are_expected(conductor, error):
    """The RPC server sends them back without logging a traceback."""
    datastore = fakes.FakeDatastore()
    datastore.fake_admin.errors['get_user'] = error
    manager = guest_manager.GuestManager(datastore, 'inst-1', 60,
                                         conductor=conductor)
    with pytest.raises(dispatcher.ExpectedException) as raised:
        manager.get_user(None, 'u', '%')
    assert raised.value.exc_info[1] is error


def test_other_errors_stay_errors(conductor):
    datastore = fakes.FakeDatastore()
    datastore.fake_admin.errors['list_users'] = exception.GuestError(
        reason='MariaDB error 2013: lost connection')
    manager = guest_manager.GuestManager(datastore, 'inst-1', 60,
                                         conductor=conductor)
    with pytest.raises(exception.GuestError):
        manager.list_users(None)


def test_base_datastore_does_not_support_admin(conductor):
    class NoAdmin(fakes.FakeDatastore):
        admin = base.Datastore.admin

    manager = guest_manager.GuestManager(NoAdmin(), 'inst-1', 60,
                                         conductor=conductor)
    with pytest.raises(dispatcher.ExpectedException) as raised:
        manager.list_databases(None)
    assert isinstance(raised.value.exc_info[1],
                      exception.DatastoreOperationNotSupported)


def test_crashed_engine_is_restarted_and_reported(conductor):
    datastore = fakes.FakeDatastore()
    datastore.prepared = True
    datastore.running = False  # as after a crash
    manager = guest_manager.GuestManager(datastore, 'inst-1', 60,
                                         conductor=conductor)
    assert manager._heartbeat_status() == ServiceStatus.HEALTHY
    assert datastore.running
    assert 'restarted' in conductor.faults[0][0]


def test_status_rpc_only_reports(conductor):
    """get_status never restarts the engine: the heartbeat loop does."""
    datastore = fakes.FakeDatastore()
    datastore.prepared = True
    datastore.running = False  # as after a crash
    manager = guest_manager.GuestManager(datastore, 'inst-1', 60,
                                         conductor=conductor)
    assert manager.get_status(None) == ServiceStatus.SHUTDOWN
    assert not datastore.running
    assert conductor.faults == []
    manager.heartbeat.beat()
    assert datastore.running
    assert conductor.heartbeats[-1] == ServiceStatus.HEALTHY


def test_engine_that_cannot_restart_stays_shutdown_with_a_fault(conductor):
    datastore = fakes.FakeDatastore()
    datastore.prepared = True
    datastore.running = False
    datastore.start_error = RuntimeError('disk full')
    manager = guest_manager.GuestManager(datastore, 'inst-1', 60,
                                         conductor=conductor)
    assert manager._heartbeat_status() == ServiceStatus.SHUTDOWN
    assert 'could not be restarted' in conductor.faults[0][0]


def test_engine_not_yet_adopted_is_not_restarted(conductor):
    datastore = fakes.FakeDatastore()
    datastore.prepared = True
    datastore.running = False  # the agent has just started, as after reboot
    manager = guest_manager.GuestManager(datastore, 'inst-1', 60,
                                         conductor=conductor, adopting=True)
    assert manager._heartbeat_status() == ServiceStatus.SHUTDOWN
    assert not datastore.running
    assert conductor.faults == []
