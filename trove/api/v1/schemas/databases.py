"""Schema of POST /instances/{id}/databases. Unknown keys are tolerated
(and never sent on)."""
from trove.api.v1.schemas import names

create = {
    'type': 'object',
    'required': ['databases'],
    'properties': {
        'databases': {
            'type': 'array',
            'minItems': 1,
            'items': {
                'type': 'object',
                'required': ['name'],
                'properties': {
                    'name': names.database_name,
                    'character_set': names.charset_name,
                    'collate': names.charset_name,
                },
            },
        },
    },
}
