"""trove-api's gunicorn worker: threads, and a deadline on every request.

gunicorn's gthread worker parks connections that send nothing on its
poller, but a thread that started reading a request blocks until the
client sends the rest: a client that sends half a request and waits
holds a thread for as long as it likes. Here every read of a request
has a deadline, [api] client_timeout seconds from the moment a thread
takes the connection; a client that misses it is dropped as if it had
reset the connection (one debug line, not a traceback per client). With
[api] threads threads per worker, that many clients must stall at once,
for that long, before anybody waits.
"""
import errno
import json
import socket
import time

from gunicorn import util as gunicorn_util
from gunicorn.workers import gthread

from trove.api.middleware import fault
from trove.conf import CONF


def write_fault(sock, status_int, reason, mesg):
    """What gunicorn answers itself (a request line or headers too long or
    malformed, before any application code runs), in Trove's fault format
    rather than gunicorn's HTML page: clients parse every error alike."""
    body = json.dumps({fault.fault_name(status_int): {
        'code': status_int, 'message': '%s: %s' % (reason, mesg)
        if mesg else reason}}).encode()
    head = ('HTTP/1.1 %d %s\r\nConnection: close\r\n'
            'Content-Type: application/json\r\nContent-Length: %d\r\n\r\n'
            % (status_int, reason, len(body))).encode('latin1')
    gunicorn_util.write_nonblock(sock, head + body)


class DeadlineSocket(socket.socket):
    """A client connection whose reads stop at a deadline."""

    # Seconds a request may take to arrive; set by the worker.
    client_timeout = 30.0
    _deadline = None

    @classmethod
    def adopt(cls, sock):
        return cls(sock.family, sock.type, sock.proto, fileno=sock.detach())

    def setblocking(self, flag):
        # gthread makes the socket blocking whenever a thread takes it
        # (a new request): that is when the request's deadline starts.
        if flag:
            self._deadline = time.monotonic() + self.client_timeout
            self.settimeout(self.client_timeout)
        else:
            self._deadline = None
            super().setblocking(False)

    def _bound_read(self, read, *args):
        if self._deadline is None:
            return read(*args)
        remaining = self._deadline - time.monotonic()
        try:
            if remaining <= 0:
                raise socket.timeout()
            self.settimeout(remaining)
            return read(*args)
        except socket.timeout:
            raise ConnectionResetError(
                errno.ECONNRESET, 'the client sent its request too slowly')

    def recv(self, *args):
        return self._bound_read(super().recv, *args)

    def recv_into(self, *args):
        return self._bound_read(super().recv_into, *args)

    def sendall(self, *args):
        # A response may follow a long request: writes get their own bound.
        if self._deadline is not None:
            self.settimeout(self.client_timeout)
        return super().sendall(*args)


class DeadlineThreadWorker(gthread.ThreadWorker):

    def init_process(self):
        # The config was parsed by the master, before the fork.
        DeadlineSocket.client_timeout = float(CONF.api.client_timeout)
        # gunicorn's workers call util.write_error for the errors they
        # answer themselves; it has no hook of its own.
        gunicorn_util.write_error = write_fault
        super().init_process()

    def enqueue_req(self, conn):
        if not isinstance(conn.sock, DeadlineSocket):
            conn.sock = DeadlineSocket.adopt(conn.sock)
        super().enqueue_req(conn)
