"""Schemas of the mgmt API: PUT /mgmt/quotas/{project} and POST
/mgmt/instances/{id}/action."""

# Integer column; -1 means unlimited.
MAX_LIMIT = 2 ** 31 - 1

quotas = {
    'type': 'object',
    'required': ['quotas'],
    'properties': {
        'quotas': {
            'type': 'object',
            'minProperties': 1,
            'additionalProperties': {'type': 'integer', 'minimum': -1,
                                     'maximum': MAX_LIMIT},
        },
    },
}

# One action per request; which ones exist is checked by the controller,
# so that an unknown one gets Trove's message naming it.
instance_action = {
    'type': 'object',
    'minProperties': 1,
    'maxProperties': 1,
    'additionalProperties': {'type': 'object'},
}
