"""A request's JSON body, parsed only once it is known to be harmless.

Every check here runs before validation and before anything reaches the
DB or the bus, so that a hostile body is a 400 and never an error deeper
down: a deeply nested body would exhaust the parser's and the
validator's recursion (RecursionError), a body that is not an object
breaks code that expects one, and a lone surrogate ("\\ud800", legal in
JSON text, not in Unicode) cannot be encoded for the bus or the DB. The
body's size is bounded earlier, by the BodySizeLimit middleware (413).
"""
import json
import re

from oslo_log import log as logging

from trove.common import exception

LOG = logging.getLogger(__name__)

# Deeper than any body of the v1.0 API (POST /instances nests 5 levels:
# instance.users[].databases[].name), far below Python's recursion limit.
MAX_DEPTH = 32

# A JSON string (with its escapes); brackets inside one do not nest.
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r'[\[\]{}]')
_SURROGATE = re.compile('[\ud800-\udfff]')


def _decoded(raw):
    try:
        return raw.decode('utf-8')
    except UnicodeDecodeError as error:
        # One line, no traceback: a client's mistake is not our error.
        LOG.info('Refused a request body that is not valid UTF-8 (byte '
                 '%d).', error.start)
        raise exception.BadRequest('The body is not valid UTF-8.')


def nesting_depth(text):
    """The deepest nesting of arrays and objects in JSON ``text``."""
    depth = deepest = 0
    for bracket in _BRACKET.finditer(_STRING.sub('""', text)):
        if bracket.group() in '[{':
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _field(path):
    return ''.join('[%d]' % part if isinstance(part, int) else
                   ('.' if index else '') + part
                   for index, part in enumerate(path)) or 'body'


def _refuse_surrogates(value, path=()):
    """400 naming the first field (or key) holding a lone surrogate."""
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise exception.BadRequest(
                "'%s' is not valid Unicode (a lone surrogate)."
                % _field(path).encode('ascii', 'replace').decode())
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_surrogates(key, path + ('<key>',))
            _refuse_surrogates(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_surrogates(item, path + (index,))


def parse(raw):
    """The JSON object in the bytes ``raw`` (400 for anything else)."""
    if not raw:
        raise exception.BadRequest('The request has no body.')
    text = _decoded(raw)
    if nesting_depth(text) > MAX_DEPTH:
        raise exception.BadRequest(
            'The body nests arrays and objects deeper than %d levels.'
            % MAX_DEPTH)
    try:
        body = json.loads(text)
    except ValueError as error:
        raise exception.BadRequest('The body is not valid JSON: %s' % error)
    if not isinstance(body, dict):
        raise exception.BadRequest('The body must be a JSON object.')
    _refuse_surrogates(body)
    return body
