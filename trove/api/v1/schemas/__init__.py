"""JSON schemas of request bodies, one module per resource, and validate().

Error messages name the offending field but never echo its value: the
value may be a password.
"""
import jsonschema

from trove.common import exception

_MESSAGES = {
    'type': "'%(field)s' must be of type %(expected)s.",
    'minimum': "'%(field)s' must be at least %(expected)s.",
    'maximum': "'%(field)s' must be at most %(expected)s.",
    'minLength': "'%(field)s' must be at least %(expected)s characters "
                 "long.",
    'maxLength': "'%(field)s' must be at most %(expected)s characters long.",
    'pattern': "'%(field)s' contains characters that are not allowed.",
    'minItems': "'%(field)s' must have at least %(expected)s items.",
    'maxItems': "'%(field)s' must have at most %(expected)s items.",
    'additionalProperties': "'%(field)s' has unexpected fields.",
}


def _field_name(path):
    name = ''
    for part in path:
        if isinstance(part, int):
            name += '[%d]' % part
        else:
            name += ('.' if name else '') + part
    return name or 'body'


def _describe(error):
    path = list(error.absolute_path)
    if error.validator == 'required':
        missing = [key for key in error.validator_value
                   if key not in error.instance]
        return "Missing required field '%s'." % _field_name(
            path + missing[:1])
    expected = error.validator_value
    if error.validator == 'minLength' and expected == 1:
        return "'%s' must not be empty." % _field_name(path)
    if isinstance(expected, list):
        expected = ' or '.join(str(item) for item in expected)
    template = _MESSAGES.get(error.validator,
                             "'%(field)s' is invalid.")
    return template % {'field': _field_name(path), 'expected': expected}


def validate(schema, body):
    """Raise BadRequest naming the first offending field."""
    validator = jsonschema.validators.validator_for(schema)(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(body))
    if error is not None:
        raise exception.BadRequest(_describe(error))
