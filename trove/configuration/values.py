"""Checks of the values users put in a configuration group, against the
rules of its datastore version. Every refusal is a 400 naming the
parameter; a request is checked whole before anything is stored."""
import math
import re

from trove.common import exception

# Strings end up in engine config files (quoted) and SET statements
# (bound): nothing that could end the quoting or the line.
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f"\'\\]')
MAX_STRING = 255

_PYTHON_TYPES = {
    'integer': (int,),
    'float': (int, float),
    'boolean': (bool,),
    'string': (str,),
}


def version_label(version):
    """How messages name a datastore version, e.g. "mariadb 10.11"."""
    return '%s %s' % (version.datastore.name, version.name)


def _refuse(message, **kwargs):
    raise exception.BadRequest(message % kwargs)


def _check_type(name, value, rule):
    wanted = _PYTHON_TYPES[rule.data_type]
    # JSON true is a Python int too: a boolean is never a number here.
    if (isinstance(value, bool) and rule.data_type != 'boolean') or \
            not isinstance(value, wanted):
        _refuse('The value provided for the configuration parameter '
                '%(name)s is not of type %(type)s.', name=name,
                type=rule.data_type)
    if isinstance(value, float) and not math.isfinite(value):
        _refuse('The value provided for the configuration parameter '
                '%(name)s is not a finite number.', name=name)


def _check_range(name, value, rule):
    if rule.data_type not in ('integer', 'float'):
        return
    if rule.min is not None and value < rule.min:
        _refuse('The value for the configuration parameter %(name)s is '
                'less than the minimum allowed: %(min)s.', name=name,
                min=rule.min)
    if rule.max is not None and value > rule.max:
        _refuse('The value for the configuration parameter %(name)s is '
                'greater than the maximum allowed: %(max)s.', name=name,
                max=rule.max)


def _check_string(name, value):
    if len(value) > MAX_STRING:
        _refuse('The value of the configuration parameter %(name)s is '
                'longer than %(max)d characters.', name=name, max=MAX_STRING)
    if _FORBIDDEN.search(value):
        _refuse('The value of the configuration parameter %(name)s '
                'contains quotes, backslashes or control characters, which '
                'are not allowed.', name=name)


def check(values, rules, datastore_label):
    """Refuse ``values`` ({name: value}) unless every name has a rule in
    ``rules`` ({name: Rule}) and every value its type and range."""
    if not isinstance(values, dict):
        _refuse("'values' must be an object of parameter names and values.")
    for name in sorted(values):
        rule = rules.get(name)
        if rule is None:
            _refuse('The configuration parameter %(name)s is not supported '
                    'for this datastore: %(datastore)s.', name=name,
                    datastore=datastore_label)
        value = values[name]
        _check_type(name, value, rule)
        _check_range(name, value, rule)
        if rule.data_type == 'string':
            _check_string(name, value)
    return values
