"""Schemas of POST /instances/{id}/action and PUT/PATCH /instances/{id}."""
from trove.api.v1.schemas import instances

_flavor_ref = {'type': ['string', 'integer'], 'minLength': 1}

action = {
    'type': 'object',
    'minProperties': 1,
    'maxProperties': 1,
    'properties': {
        'restart': {'type': 'object'},
        'reset_status': {'type': 'object'},
        'resize': {
            'type': 'object',
            'minProperties': 1,
            'maxProperties': 1,
            'properties': {
                'flavorRef': _flavor_ref,
                'volume': {
                    'type': 'object',
                    'required': ['size'],
                    'properties': {'size': {'type': 'integer',
                                            'minimum': 1}},
                },
            },
            'additionalProperties': False,
        },
    },
    'additionalProperties': False,
}

update = {
    'type': 'object',
    'required': ['instance'],
    'properties': {
        'instance': {
            'type': 'object',
            'minProperties': 1,
            'properties': {
                'name': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                         'pattern': instances.PRINTABLE_NAME},
                # A group's id to attach, or null to detach it.
                'configuration': {'type': ['string', 'null'], 'minLength': 1,
                                  'maxLength': 255},
            },
        },
    },
}
