"""A client that sends half a request is dropped at its deadline; trove-api
runs threaded workers."""
import json
import socket
import time

import pytest

from trove.api import worker
from trove.cmd import api as api_cmd
from trove.conf import CONF


@pytest.fixture
def connection():
    client, server = socket.socketpair()
    adopted = worker.DeadlineSocket.adopt(server)
    adopted.client_timeout = 0.3
    yield client, adopted
    client.close()
    adopted.close()


def test_a_read_past_the_deadline_is_a_connection_reset(connection):
    client, server = connection
    server.setblocking(False)
    server.setblocking(True)     # what gthread does when a thread takes it
    client.sendall(b'GET / HTTP/1.1\r\n')
    assert server.recv(100) == b'GET / HTTP/1.1\r\n'
    started = time.monotonic()
    with pytest.raises(ConnectionResetError):
        server.recv(100)
    assert time.monotonic() - started < 5


def test_the_deadline_is_for_the_whole_request_not_each_read(connection):
    client, server = connection
    server.setblocking(True)
    with pytest.raises(ConnectionResetError):
        for _ in range(10):      # a byte just inside every read's timeout
            client.sendall(b'x')
            server.recv(1)
            time.sleep(0.1)


def test_a_new_request_gets_a_new_deadline(connection):
    client, server = connection
    server.setblocking(True)
    time.sleep(0.4)
    server.setblocking(False)    # back on the poller, kept alive
    server.setblocking(True)     # the next request
    client.sendall(b'x')
    assert server.recv(1) == b'x'


def test_trove_api_runs_threaded_workers(parsed_conf):
    server = api_cmd.ApiServer(prog='trove-api')
    assert server.cfg.worker_class is worker.DeadlineThreadWorker
    assert server.cfg.threads == CONF.api.threads >= 64


def test_errors_gunicorn_answers_itself_are_trove_faults():
    client, server = socket.socketpair()
    try:
        worker.write_fault(server, 414, 'URI Too Long',
                           'Request Line is too large (6743 > 4094)')
        head, body = client.recv(4096).split(b'\r\n\r\n', 1)
    finally:
        client.close()
        server.close()
    assert head.startswith(b'HTTP/1.1 414 URI Too Long\r\n')
    assert b'Content-Type: application/json' in head
    assert json.loads(body) == {'badRequest': {
        'code': 414, 'message':
        'URI Too Long: Request Line is too large (6743 > 4094)'}}
