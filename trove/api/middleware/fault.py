"""Turns every error into Trove's fault body: {"<fault>": {code, message}}.

Errors come from three places: TroveError raised anywhere below (rendered
with its own code and fault name), error responses produced by other
layers (pecan's 404/405, keystonemiddleware's 401), and unexpected
exceptions (500 with a generic message; the details go to the log only).
"""
import json

from oslo_log import log as logging
import webob
import webob.dec
import webob.exc

from trove.common import exception

LOG = logging.getLogger(__name__)

GENERIC_500 = ('The server has either erred or is incapable of performing '
               'the requested operation.')

FAULT_NAMES = {
    400: 'badRequest',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'itemNotFound',
    405: 'badMethod',
    409: 'conflictingRequest',
    413: 'overLimit',
    415: 'badMediaType',
    422: 'unprocessableEntity',
    501: 'notImplemented',
    503: 'serviceUnavailable',
}

_KNOWN_FAULTS = set(FAULT_NAMES.values()) | {'instanceFault'}

# Headers of a rewritten error response that clients still need.
_KEPT_HEADERS = ('WWW-Authenticate', 'Allow', 'Retry-After')


def fault_name(code):
    return FAULT_NAMES.get(code, 'badRequest' if code < 500 else
                           'instanceFault')


def fault_response(code, fault, message):
    body = {fault: {'code': code, 'message': message}}
    return webob.Response(status=code, json_body=body,
                          content_type='application/json', charset='UTF-8')


def _is_fault_body(response):
    if response.content_type != 'application/json':
        return False
    try:
        body = json.loads(response.body)
    except ValueError:
        return False
    if not (isinstance(body, dict) and len(body) == 1):
        return False
    # keystonemiddleware's {"error": {code, message}} is not Trove's shape.
    if next(iter(body)) not in _KNOWN_FAULTS:
        return False
    inner = next(iter(body.values()))
    return isinstance(inner, dict) and 'code' in inner and 'message' in inner


def _message_of(request, response):
    """The message another layer meant, else a standard one for the
    status."""
    try:
        body = json.loads(response.body)
        message = body['error']['message']  # keystonemiddleware's shape
        if isinstance(message, str):
            return message
    except (ValueError, KeyError, TypeError):
        pass
    code = response.status_int
    if code == 405:
        return 'Method %s is not allowed on this resource.' % request.method
    if code == 401:
        return 'Authentication is required.'
    known = webob.exc.status_map.get(code)
    return known.explanation if known else response.status


def _as_fault(request, response):
    code = response.status_int
    rewritten = fault_response(code, fault_name(code),
                               _message_of(request, response))
    for header in _KEPT_HEADERS:
        if header in response.headers:
            rewritten.headers[header] = response.headers[header]
    return rewritten


class FaultMiddleware(object):

    def __init__(self, application):
        self.application = application

    @webob.dec.wsgify
    def __call__(self, request):
        try:
            response = request.get_response(self.application)
        except exception.TroveError as error:
            if error.code >= 500:
                LOG.error('%s %s failed: %s', request.method, request.path,
                          error.msg)
            return fault_response(error.code, error.fault, error.msg)
        except webob.exc.HTTPException as error:
            return _as_fault(request, error)
        except Exception:
            LOG.exception('Unexpected error in %s %s', request.method,
                          request.path)
            return fault_response(500, 'instanceFault', GENERIC_500)
        if response.status_int >= 400 and not _is_fault_body(response):
            return _as_fault(request, response)
        return response
