"""GuestAPI and GuestManager speak the same version, methods and arguments;
a round trip over the in-process fake transport, encrypted."""
import inspect
import threading

import oslo_messaging as messaging
import pytest

from trove.common import context as trove_context
from trove.common import crypto
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
