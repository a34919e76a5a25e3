"""The trove-api WSGI application: the pecan app inside its middleware."""
import pecan

from trove.api.middleware import auth
from trove.api.middleware import body_size
from trove.api.middleware import fault
from trove.api.v1.controllers import root


def _json_only(application):
    """The API speaks JSON only. Whatever a client accepts, it gets JSON,
    as from Trove, rather than pecan's 406."""
    def json_only(environ, start_response):
        environ['HTTP_ACCEPT'] = 'application/json'
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
    """Outermost first: faults (render every error), body size limit,
    authentication and request context, then pecan."""
    application = setup_pecan_app()
    application = auth.wrap(application)
    application = body_size.BodySizeLimit(application)
    return fault.FaultMiddleware(application)
