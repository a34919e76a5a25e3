"""GET /limits: the absolute limits first, then one rate limit per verb."""
from trove.api.v1.views import isotime

RATE_UNIT = 'MINUTE'


def _rate(verb, value, now):
    # Rates are advertised, not metered: all of a minute's requests remain.
    return {'verb': verb, 'uri': '*', 'regex': '.*', 'value': value,
            'remaining': value, 'unit': RATE_UNIT,
            'nextAvailable': isotime(now) + 'Z'}


def limits(absolute, rates, now):
    """``absolute``: {key: value} shown as is; ``rates``: {verb: per
    minute}."""
    body = [dict(absolute, verb='ABSOLUTE')]
    body.extend(_rate(verb, value, now) for verb, value in rates.items())
    return {'limits': body}
