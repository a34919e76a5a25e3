"""The trove-api WSGI application: the pecan app inside its middleware."""
import pecan

from trove.api.middleware import auth
from trove.api.middleware import body_size
from trove.api.middleware import fault
from trove.api.middleware import well_formed
from trove.api.v1.controllers import root

# Where the client's Content-Type stays, hidden from pecan.
CONTENT_TYPE_KEY = 'trove.content_type'
OPAQUE_BODY = 'application/octet-stream'


def _json_only(application):
    """The API speaks JSON only. Whatever a client accepts, it gets JSON,
    as from Trove, rather than pecan's 406.

    And pecan never parses a body: it would parse JSON (or form) bodies
    into handler arguments nobody uses, before trove.api.request_body
    checks them, turning a deeply nested body into a RecursionError and
    invalid UTF-8 into a traceback. Handlers read the raw body instead.
    """
    def json_only(environ, start_response):
        environ['HTTP_ACCEPT'] = 'application/json'
        environ[CONTENT_TYPE_KEY] = environ.get('CONTENT_TYPE', '')
        environ['CONTENT_TYPE'] = OPAQUE_BODY
        return application(environ, start_response)
    return json_only


def setup_pecan_app():
    return _json_only(pecan.make_app(
        root.RootController(),
        # Errors are rendered by FaultMiddleware, never by a debug page.
        debug=False,
        # /instances and /instances/ are the same resource; no redirects.
        force_canonical=False,
        # Ids and names may contain dots: never read ".json" as a format.
        guess_content_type_from_ext=False,
    ))


def setup_app():
    """Outermost first: faults (render every error), UTF-8 path and query
    string, body size limit, authentication and request context, then
    pecan."""
    application = setup_pecan_app()
    application = auth.wrap(application)
    application = body_size.BodySizeLimit(application)
    application = well_formed.WellFormedRequest(application)
    return fault.FaultMiddleware(application)
