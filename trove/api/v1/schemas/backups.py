"""Schemas of POST /backups and POST /backup_strategies."""
from trove.api.v1.schemas import instances

_id = {'type': 'string', 'minLength': 1, 'maxLength': 64}
_container = {'type': ['string', 'null'], 'minLength': 1, 'maxLength': 255,
              'pattern': r'^[A-Za-z0-9_.-]+\Z'}

create = {
    'type': 'object',
    'required': ['backup'],
    'properties': {
        'backup': {
            'type': 'object',
            'required': ['name', 'instance'],
            'properties': {
                'name': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                         'pattern': instances.PRINTABLE_NAME},
                'instance': _id,
                'description': {'type': ['string', 'null'],
                                'maxLength': 512},
                'parent_id': {'type': ['string', 'null'], 'maxLength': 64},
                # troveclient sends 0 or 1.
                'incremental': {'type': ['boolean', 'integer', 'null']},
                'storage_driver': {'type': ['string', 'null'],
                                   'maxLength': 32},
                'swift_container': _container,
            },
        },
    },
}

create_strategy = {
    'type': 'object',
    'required': ['backup_strategy'],
    'properties': {
        'backup_strategy': {
            'type': 'object',
            'properties': {
                'instance_id': {'type': ['string', 'null'], 'maxLength': 64},
                'swift_container': _container,
            },
        },
    },
}
