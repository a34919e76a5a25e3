"""Clients that connect and then stall: some send nothing, some half a
request (headers never finished), as an attacker holding a server's
workers would. Used by the idle-connection test and
tools/bench_idle_connections.py."""
import contextlib
import socket
import time
import urllib.request

HALF_REQUEST = (b'GET /v1.0/demo/instances HTTP/1.1\r\n'
                b'Host: 127.0.0.1\r\nX-Auth-Token: demo\r\n')


@contextlib.contextmanager
def stalled_connections(port, count, host='127.0.0.1'):
    """``count`` open connections to the API, every other one with half a
    request sent, kept open (and silent) until the block ends."""
    connections = []
    try:
        for index in range(count):
            connection = socket.create_connection((host, port), timeout=10)
            if index % 2:
                connection.sendall(HALF_REQUEST)
            connections.append(connection)
        yield connections
    finally:
        for connection in connections:
            connection.close()


def timed_get(url, token='demo', timeout=60):
    """(status, seconds) of one GET on a new connection."""
    request = urllib.request.Request(url, headers={'X-Auth-Token': token})
    started = time.monotonic()
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()
        return response.status, time.monotonic() - started
