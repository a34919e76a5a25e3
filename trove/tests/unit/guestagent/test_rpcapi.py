"""GuestAPI and GuestManager speak the same version, methods and arguments;
a round trip over the in-process fake transport, encrypted."""
import inspect
import sys
import threading

import oslo_messaging as messaging
from oslo_messaging._drivers import common as driver_common
import pytest

from trove.common import context as trove_context
from trove.common import crypto
from trove.common import exception
from trove.common.rpc import serializer as trove_serializer
from trove.common.rpc import transport
from trove.conf import CONF
from trove.guestagent import manager as guest_manager
from trove.guestagent import rpcapi as guest_rpcapi
from trove.tests.unit.guestagent import fakes

CLIENT, SERVER = guest_rpcapi.GuestAPI, guest_manager.GuestManager


def _public_methods(cls):
    return {name for name, _ in inspect.getmembers(cls, inspect.isfunction)
            if not name.startswith('_')}


def test_versions_match():
    assert CLIENT.RPC_API_VERSION == SERVER.RPC_API_VERSION
    assert SERVER.target.version == SERVER.RPC_API_VERSION


def test_every_client_method_has_a_server_method():
    assert _public_methods(CLIENT) - _public_methods(SERVER) == set()


def test_server_methods_take_the_client_arguments():
    # The client holds the context; the server receives it first.
    for name in _public_methods(CLIENT):
        client_args = list(inspect.signature(getattr(CLIENT, name)).parameters)
        server_args = list(inspect.signature(getattr(SERVER, name)).parameters)
        assert ['self', 'context'] + client_args[1:] == server_args, name


@pytest.fixture
def fake_transport(monkeypatch):
    transport.reset()
    monkeypatch.setattr(transport, '_transport',
                        messaging.get_rpc_transport(CONF, url='fake:/'))
    yield
    transport.reset()


def test_round_trip(fake_transport):
    key = crypto.generate_key()
    gate = threading.Event()
    datastore = fakes.FakeDatastore(gate=gate)
    conductor = fakes.FakeConductor()
    manager = guest_manager.GuestManager(datastore, 'inst-1', 60,
                                         conductor=conductor)
    manager.heartbeat.start()
    api = guest_rpcapi.GuestAPI(trove_context.admin_context(), 'inst-1', key)
    users = [{'name': 'u', 'password': 'secret', 'databases': [{'name': 'd'}]}]
    # Sent before the guest listens: the message must wait for it.
    api.prepare([{'name': 'd'}], users)

    server = transport.get_server(
        messaging.Target(topic=guest_rpcapi.topic('inst-1'), server='inst-1'),
        [manager], serializer=trove_serializer.EncryptedSerializer(key))
    server.start()
    try:
        conductor.wait_for('BUILD')
        assert api.get_status() == 'BUILD'
        gate.set()
        conductor.wait_for('HEALTHY')
        assert datastore.prepare_calls == [([{'name': 'd'}], users)]
        assert api.get_status() == 'HEALTHY'
    finally:
        server.stop()
        server.wait()
        manager.heartbeat.stop()


@pytest.fixture(scope='module')
def guest_server():
    """A running guest RPC server with a FakeAdmin, and its key; one for
    the module, since stopping a server on the fake transport takes 1 s."""
    transport.reset()
    transport._transport = messaging.get_rpc_transport(CONF, url='fake:/')
    key = crypto.generate_key()
    datastore = fakes.FakeDatastore()
    manager = guest_manager.GuestManager(datastore, 'inst-2', 60,
                                         conductor=fakes.FakeConductor())
    server = transport.get_server(
        messaging.Target(topic=guest_rpcapi.topic('inst-2'), server='inst-2'),
        [manager], serializer=trove_serializer.EncryptedSerializer(key))
    server.start()
    try:
        yield key, datastore
    finally:
        server.stop()
        server.wait()
        transport.reset()


@pytest.fixture
def guest(guest_server):
    """A GuestAPI and a fresh FakeAdmin behind the guest server."""
    key, datastore = guest_server
    datastore.fake_admin = fakes.FakeAdmin()
    return (guest_rpcapi.GuestAPI(trove_context.admin_context(), 'inst-2',
                                  key), datastore.fake_admin)


# (method, client arguments, what the admin receives)
ADMIN_CALLS = [
    ('list_databases', (), ()),
    ('create_databases', ([{'name': 'd', 'character_set': 'utf8mb4'}],),
     ([{'name': 'd', 'character_set': 'utf8mb4'}],)),
    ('delete_database', ('d',), ('d',)),
    ('list_users', (), ()),
    ('get_user', ('u', '%'), ('u', '%')),
    ('create_users', ([{'name': 'u', 'password': 'p', 'host': '%',
                        'databases': [{'name': 'd'}]}],),
     ([{'name': 'u', 'password': 'p', 'host': '%',
        'databases': [{'name': 'd'}]}],)),
    ('delete_user', ('u', '%'), ('u', '%')),
    ('change_passwords', ([{'name': 'u', 'host': '%', 'password': 'p'}],),
     ([{'name': 'u', 'host': '%', 'password': 'p'}],)),
    ('list_access', ('u', '%'), ('u', '%')),
    ('grant_access', ('u', '%', ['d', 'e']), ('u', '%', ['d', 'e'])),
    ('revoke_access', ('u', '%', 'd'), ('u', '%', 'd')),
    ('enable_root', ('p',), ('p',)),
    ('disable_root', (), ()),
]


def test_every_admin_method_is_tested():
    assert ({call[0] for call in ADMIN_CALLS} | {'update_user'}
            == set(fakes.ADMIN_OPERATIONS))


@pytest.mark.parametrize('method,arguments,received', ADMIN_CALLS)
def test_admin_round_trip(guest, method, arguments, received):
    api, admin = guest
    admin.results[method] = [{'name': 'answer'}]
    assert getattr(api, method)(*arguments) == [{'name': 'answer'}]
    assert admin.calls == [(method, received, {})]


def test_update_user_round_trip(guest):
    api, admin = guest
    api.update_user('u', '%', None, 'secret', '10.0.0.1')
    assert admin.calls == [('update_user', ('u', '%'), {
        'new_name': None, 'new_password': 'secret',
        'new_host': '10.0.0.1'})]


def test_guest_refusals_reach_the_caller(guest):
    api, admin = guest
    admin.errors['delete_user'] = exception.NotFound(
        "User 'u'@'%' does not exist.")
    with pytest.raises(exception.NotFound, match="'u'@'%' does not exist"):
        api.delete_user('u', '%')


@pytest.mark.parametrize('error', [
    exception.NotFound("User 'u'@'%' does not exist."),
    exception.Conflict('Database d already exists.'),
    exception.BadRequest("Invalid database or user: user name 'root' is "
                         "reserved"),
    exception.DatastoreOperationNotSupported(datastore='redis',
                                             operation='users'),
    exception.GuestTimeout(instance_id='inst-2'),
])
def test_guest_errors_cross_a_real_transport_as_themselves(error):
    """What a broker carries: the error as JSON, rebuilt on the caller's
    side only from trove.common.exception."""
    try:
        raise error
    except exception.TroveError:
        wire = driver_common.serialize_remote_exception(sys.exc_info())
    rebuilt = driver_common.deserialize_remote_exception(
        wire, ['trove.common.exception'])
    assert isinstance(rebuilt, type(error))
    assert (rebuilt.code, rebuilt.msg) == (error.code, error.msg)


class _SilentClient(object):
    """A prepared client whose guest never answers."""

    def __init__(self):
        self.prepared = []

    def prepare(self, **kwargs):
        self.prepared.append(kwargs)
        return self

    def call(self, context, method, **kwargs):
        raise messaging.MessagingTimeout('no reply on %s' % method)


@pytest.mark.parametrize('method,arguments,timeout', [
    ('list_users', (), 'agent_call_low_timeout'),
    ('get_status', (), 'agent_call_low_timeout'),
    ('revoke_access', ('u', '%', 'd'), 'agent_call_low_timeout'),
    ('create_users', ([],), 'agent_call_high_timeout'),
    ('enable_root', ('p',), 'agent_call_high_timeout'),
])
def test_a_silent_guest_is_a_guest_timeout(guest, method, arguments, timeout):
    api, _ = guest
    api._client = _SilentClient()
    with pytest.raises(exception.GuestTimeout, match='inst-2') as raised:
        getattr(api, method)(*arguments)
    assert raised.value.code == 504
    assert api._client.prepared[0]['timeout'] == getattr(CONF, timeout)


def test_payloads_are_encrypted():
    key = crypto.generate_key()
    serializer = trove_serializer.EncryptedSerializer(key)
    wire = serializer.serialize_entity(None, [{'password': 'secret'}])
    assert 'secret' not in wire
    assert serializer.deserialize_entity(None, wire) == [
        {'password': 'secret'}]


def test_no_credentials_reach_the_guest():
    context = trove_context.TroveContext(
        auth_token='user-token', project_id='p1', user_id='u1',
        request_id='req-1', roles=['admin'], overwrite=False)
    sent = guest_rpcapi.context_for_guest(context).to_dict()
    assert sent['auth_token'] is None
    assert sent['roles'] == []
    assert (sent['request_id'], sent['project_id']) == ('req-1', 'p1')
