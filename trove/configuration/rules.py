"""Parameter rules in Trove's validation-rules.json format:

    {"configuration-parameters": [
        {"name": "max_connections", "restart_required": false,
         "min": 1, "max": 100000, "type": "integer"}, ...]}

``type`` is integer, string, boolean or float; ``min`` and ``max`` are
optional (numbers only). Files are checked whole before anything is
stored, so a bad file changes nothing.
"""
import collections
import json
import math
import os
import re

from trove.common import paths

TYPES = ('integer', 'string', 'boolean', 'float')
# Names reach engine config files and SET statements: letters, digits and
# the separators engines use, nothing that could quote or comment.
NAME = re.compile(r'^[A-Za-z][A-Za-z0-9_.-]{0,127}\Z')

Rule = collections.namedtuple(
    'Rule', ['name', 'data_type', 'restart_required', 'min', 'max'])


def default_rules_dir():
    """etc/trove/validation-rules of the project this package came from."""
    return paths.etc_dir('validation-rules')


def rules_file(datastore):
    return os.path.join(default_rules_dir(), '%s.json' % datastore)


def _number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError('not a number: %r' % (value,))
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError('not a finite number: %r' % (value,))
    return value


def _rule(entry):
    if not isinstance(entry, dict):
        raise ValueError('every parameter must be an object')
    name = entry.get('name')
    if not isinstance(name, str) or not NAME.match(name):
        raise ValueError('invalid parameter name %r' % (name,))
    data_type = entry.get('type')
    if data_type not in TYPES:
        raise ValueError('parameter %s: type must be one of %s, not %r'
                         % (name, ', '.join(TYPES), data_type))
    restart_required = entry.get('restart_required', False)
    if not isinstance(restart_required, bool):
        raise ValueError('parameter %s: restart_required must be true or '
                         'false' % name)
    bounds = {}
    for key in ('min', 'max'):
        if entry.get(key) is not None:
            try:
                bounds[key] = _number(entry[key])
            except ValueError as error:
                raise ValueError('parameter %s: %s %s' % (name, key, error))
    return Rule(name, data_type, restart_required, bounds.get('min'),
                bounds.get('max'))


def parse(document):
    """[Rule] of a validation-rules document; ValueError if malformed."""
    if not isinstance(document, dict) or not isinstance(
            document.get('configuration-parameters'), list):
        raise ValueError('expected {"configuration-parameters": [...]}')
    rules = [_rule(entry) for entry in document['configuration-parameters']]
    names = [rule.name for rule in rules]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ValueError('parameters listed twice: %s' % ', '.join(twice))
    return rules


def load(path):
    with open(path) as rules:
        try:
            document = json.load(rules)
        except ValueError as error:
            raise ValueError('%s is not valid JSON: %s' % (path, error))
    return parse(document)


def bound_text(value):
    """How a bound is stored (text: exact for any integer)."""
    return None if value is None else repr(value)


def bound_value(text):
    """A stored bound as a number again."""
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        return float(text)
