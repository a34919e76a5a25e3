"""Schemas of the configuration group bodies. Values are checked against
the datastore version's rules, not here."""
from trove.api.v1.schemas import instances

_name = {'type': 'string', 'minLength': 1, 'maxLength': 255,
         'pattern': instances.PRINTABLE_NAME}
_description = {'type': ['string', 'null'], 'maxLength': 512,
                'pattern': r'^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*\Z'}
_values = {'type': 'object'}

# POST /configurations
create = {
    'type': 'object',
    'required': ['configuration'],
    'properties': {
        'configuration': {
            'type': 'object',
            'required': ['name', 'values'],
            'properties': {
                'name': _name,
                'description': _description,
                'values': _values,
                'datastore': {
                    'type': 'object',
                    'properties': {
                        'type': {'type': ['string', 'null'], 'minLength': 1,
                                 'maxLength': 255},
                        'version': {'type': ['string', 'null'],
                                    'minLength': 1, 'maxLength': 255},
                    },
                },
            },
        },
    },
}

# PUT (values replaced; name and description may change too) and PATCH
# (values merged) /configurations/{id}
update = {
    'type': 'object',
    'required': ['configuration'],
    'properties': {
        'configuration': {
            'type': 'object',
            'required': ['values'],
            'properties': {
                'name': _name,
                'description': _description,
                'values': _values,
            },
        },
    },
}
