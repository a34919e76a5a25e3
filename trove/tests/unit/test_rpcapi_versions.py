"""Each RPC client and its server must speak the same version and methods."""
import inspect

import pytest

from trove.conductor import manager as conductor_manager
from trove.conductor import rpcapi as conductor_rpcapi
from trove.taskmanager import manager as tm_manager
from trove.taskmanager import rpcapi as tm_rpcapi

PAIRS = [
    (conductor_rpcapi.ConductorAPI, conductor_manager.ConductorManager),
    (tm_rpcapi.TaskManagerAPI, tm_manager.TaskManager),
]


def _public_methods(cls):
    return {name for name, _ in inspect.getmembers(cls, inspect.isfunction)
            if not name.startswith('_')}


@pytest.mark.parametrize('client,server', PAIRS)
def test_versions_match(client, server):
    assert client.RPC_API_VERSION == server.RPC_API_VERSION
    assert server.target.version == server.RPC_API_VERSION


@pytest.mark.parametrize('client,server', PAIRS)
def test_every_client_method_has_a_server_method(client, server):
    missing = _public_methods(client) - _public_methods(server)
    assert not missing


@pytest.mark.parametrize('client,server', PAIRS)
def test_server_methods_take_the_client_arguments(client, server):
    for name in _public_methods(client):
        client_args = list(inspect.signature(getattr(client, name)).parameters)
        server_args = list(inspect.signature(getattr(server, name)).parameters)
        assert client_args == server_args, name
