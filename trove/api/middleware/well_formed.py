"""Refuses requests whose path or query string is not valid UTF-8 (400).

Below this, webob and pecan decode both as UTF-8 wherever they first need
them, and a decoding error there is an unexpected exception: a 500 and a
traceback at ERROR per request, which lets any client flood the log. Here
it is a 400 and one line at INFO. Bodies are checked where they are
parsed (trove.api.request_body).
"""
from urllib import parse

from oslo_log import log as logging

from trove.common import exception

LOG = logging.getLogger(__name__)


def _as_bytes(wsgi_string):
    # PEP 3333: environ strings carry the request's bytes as latin-1.
    return wsgi_string.encode('latin-1', 'replace')


def _invalid_part(environ):
    """'path' or 'query string' when that part is not UTF-8, else None."""
    parts = (
        ('path', _as_bytes(environ.get('SCRIPT_NAME', '') +
                           environ.get('PATH_INFO', ''))),
        # Still percent-encoded: what it decodes to must be UTF-8 too.
        ('query string', parse.unquote_to_bytes(
            _as_bytes(environ.get('QUERY_STRING', ''))))
    )
    for name, raw in parts:
        try:
            raw.decode('utf-8')
        except UnicodeDecodeError:
            return name
    return None


class WellFormedRequest(object):

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        invalid = _invalid_part(environ)
        if invalid is not None:
            LOG.info('Refused a %s request whose %s is not valid UTF-8 '
                     '(from %s).', environ.get('REQUEST_METHOD'), invalid,
                     environ.get('REMOTE_ADDR'))
            raise exception.BadRequest(
                'The %s of the request is not valid UTF-8.' % invalid)
        return self.application(environ, start_response)
