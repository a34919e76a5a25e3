"""Schemas of POST and PATCH /mgmt/datastore-versions (as troveclient's
`openstack datastore version create` and `set` send them)."""

_NAME = {'type': 'string', 'minLength': 1, 'maxLength': 255,
         'pattern': r'^[A-Za-z0-9][A-Za-z0-9._-]*$'}
_IMAGE = {'type': 'string', 'maxLength': 255}
_TAGS = {'type': 'array', 'maxItems': 20,
         'items': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                   'pattern': r'^[^,]+$'}}
_PACKAGES = {'type': 'array', 'maxItems': 50,
             'items': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                       'pattern': r'^[^,]+$'}}
# Fields of Trove's API this control plane has nothing to do with: the
# guest's manager and replication strategy are the manifest's.
_IGNORED = {'type': 'string', 'maxLength': 255}

create = {
    'type': 'object',
    'required': ['version'],
    'additionalProperties': False,
    'properties': {
        'version': {
            'type': 'object',
            'required': ['name', 'datastore_name', 'datastore_manager'],
            'additionalProperties': False,
            'properties': {
                'name': _NAME,
                'datastore_name': _NAME,
                'datastore_manager': _NAME,
                'image': _IMAGE,
                'image_tags': _TAGS,
                'packages': _PACKAGES,
                'active': {'type': 'boolean'},
                'default': {'type': 'boolean'},
                'version': {'type': 'string', 'minLength': 1,
                            'maxLength': 255},
                'registry_ext': _IGNORED,
                'repl_strategy': _IGNORED,
            },
        },
    },
}

update = {
    'type': 'object',
    'minProperties': 1,
    'additionalProperties': False,
    'properties': {
        'name': _NAME,
        'datastore_manager': _NAME,
        'image': _IMAGE,
        'image_tags': _TAGS,
        'packages': _PACKAGES,
        'active': {'type': 'boolean'},
        'default': {'type': 'boolean'},
        'registry_ext': _IGNORED,
        'repl_strategy': _IGNORED,
    },
}
