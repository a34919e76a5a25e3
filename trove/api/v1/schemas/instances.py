"""Schema of POST /instances.

Unknown keys are tolerated: the CLI sends keys (access, nics,
availability_zone, ...) that have no meaning for every compute driver.
"""

# Patterns end in \Z: $ would also match before a final newline.
# At least one visible character and no control characters.
PRINTABLE_NAME = r'^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*\Z'
# Names that every engine accepts unquoted in its grant statements.
DATABASE_NAME = r'^[A-Za-z0-9_][A-Za-z0-9_$-]*\Z'
USER_NAME = r'^[A-Za-z0-9_][A-Za-z0-9_.$-]*\Z'
USER_HOST = r'^[A-Za-z0-9_.%:-]+\Z'
# Starts with a letter: the guest writes it unquoted, and a word such as
# '5' or '1e5' would be a number there (a syntax error), not a name.
CHARSET_NAME = r'^[A-Za-z][A-Za-z0-9_]*\Z'
NO_CONTROL_CHARS = r'^[^\x00-\x1f\x7f]+\Z'

_database_ref = {
    'type': 'object',
    'required': ['name'],
    'properties': {
        'name': {'type': 'string', 'minLength': 1, 'maxLength': 64,
                 'pattern': DATABASE_NAME},
    },
}

_database = {
    'type': 'object',
    'required': ['name'],
    'properties': {
        'name': {'type': 'string', 'minLength': 1, 'maxLength': 64,
                 'pattern': DATABASE_NAME},
        'character_set': {'type': 'string', 'maxLength': 64,
                          'pattern': CHARSET_NAME},
        'collate': {'type': 'string', 'maxLength': 64,
                    'pattern': CHARSET_NAME},
    },
}

_user = {
    'type': 'object',
    'required': ['name', 'password'],
    'properties': {
        'name': {'type': 'string', 'minLength': 1, 'maxLength': 32,
                 'pattern': USER_NAME},
        'password': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                     'pattern': NO_CONTROL_CHARS},
        'host': {'type': ['string', 'null'], 'minLength': 1,
                 'maxLength': 255, 'pattern': USER_HOST},
        'databases': {'type': 'array', 'items': _database_ref},
    },
}

create = {
    'type': 'object',
    'required': ['instance'],
    'properties': {
        'instance': {
            'type': 'object',
            'required': ['name'],
            # A replica takes its flavor and volume from its source.
            'if': {'required': ['replica_of'],
                   'properties': {'replica_of': {'type': 'string'}}},
            'then': {},
            'else': {'required': ['flavorRef', 'volume']},
            'properties': {
                'name': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                         'pattern': PRINTABLE_NAME},
                'flavorRef': {'type': ['string', 'integer'],
                              'minLength': 1, 'maxLength': 255},
                'volume': {
                    'type': 'object',
                    'required': ['size'],
                    'properties': {
                        # The upper bound is [DEFAULT]
                        # max_accepted_volume_size, checked by the service.
                        'size': {'type': 'integer', 'minimum': 1},
                        'type': {'type': ['string', 'null'],
                                 'maxLength': 255},
                    },
                },
                'datastore': {
                    'type': 'object',
                    'properties': {
                        'type': {'type': ['string', 'null'], 'minLength': 1,
                                 'maxLength': 255},
                        'version': {'type': ['string', 'null'],
                                    'minLength': 1, 'maxLength': 255},
                    },
                },
                'databases': {'type': 'array', 'items': _database},
                'users': {'type': 'array', 'items': _user},
                # Refused unless the compute driver honours them
                # (trove.instance.deployment_options).
                'access': {
                    'type': ['object', 'null'],
                    'properties': {
                        'is_public': {'type': 'boolean'},
                        'allowed_cidrs': {
                            'type': 'array',
                            'items': {'type': 'string', 'maxLength': 64}},
                    },
                },
                'nics': {'type': ['array', 'null'],
                         'items': {'type': 'object'}},
                'replica_of': {'type': ['string', 'null'], 'minLength': 1,
                               'maxLength': 255},
                'replica_count': {'type': ['integer', 'null'],
                                  'minimum': 1},
                # The id of a configuration group to start with.
                'configuration': {'type': ['string', 'null'], 'minLength': 1,
                                  'maxLength': 255},
            },
        },
    },
}
