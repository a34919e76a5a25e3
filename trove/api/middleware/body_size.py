"""Refuses request bodies larger than [api] max_request_body_size (413)."""
from trove.common import exception
from trove.conf import CONF


class _LimitedInput(object):
    """Counts what is read, for bodies without a Content-Length (chunked)."""

    def __init__(self, stream, limit):
        self._stream = stream
        self._limit = limit
        self._read = 0

    def _count(self, chunk):
        self._read += len(chunk)
        if self._read > self._limit:
            raise exception.RequestEntityTooLarge(limit=self._limit)
        return chunk

    def read(self, *args):
        return self._count(self._stream.read(*args))

    def readline(self, *args):
        return self._count(self._stream.readline(*args))

    def __iter__(self):
        for line in self._stream:
            yield self._count(line)


class BodySizeLimit(object):

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        limit = CONF.api.max_request_body_size
        length = environ.get('CONTENT_LENGTH')
        if length:
            try:
                length = int(length)
            except ValueError:
                raise exception.BadRequest(reason='invalid Content-Length')
            if length > limit:
                raise exception.RequestEntityTooLarge(limit=limit)
        elif environ.get('wsgi.input') is not None:
            # No length announced (chunked): count while it is read. With a
            # length, readers never read past it.
            environ['wsgi.input'] = _LimitedInput(environ['wsgi.input'], limit)
            # The wrapper cannot seek, whatever the original could.
            environ.pop('webob.is_body_seekable', None)
        return self.application(environ, start_response)
