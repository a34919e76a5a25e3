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
import socket
import time

from gunicorn.workers import gthread

from trove.conf import CONF


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
        super().init_process()

    def enqueue_req(self, conn):
        if not isinstance(conn.sock, DeadlineSocket):
            conn.sock = DeadlineSocket.adopt(conn.sock)
        super().enqueue_req(conn)
