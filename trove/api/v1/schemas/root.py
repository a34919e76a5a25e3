"""Schema of POST /instances/{id}/root: no body, {} or a chosen password,
either as troveclient sends it ({"password": ...}) or wrapped
({"root": {"password": ...}})."""
from trove.api.v1.schemas import names

_password = dict(names.password, type=['string', 'null'])

enable = {
    'type': 'object',
    'properties': {
        'password': _password,
        'root': {
            'type': ['object', 'null'],
            'properties': {'password': _password},
        },
    },
}
