"""Schemas of the users and user access bodies. Unknown keys are
tolerated (and never sent on)."""
from trove.api.v1.schemas import names

_new_user = {
    'type': 'object',
    'required': ['name', 'password'],
    'properties': {
        'name': names.user_name,
        'password': names.password,
        'host': names.optional_host,
        'databases': {'type': 'array', 'items': names.database_ref},
    },
}

_password_change = {
    'type': 'object',
    'required': ['name', 'password'],
    'properties': {
        'name': names.user_name,
        'password': names.password,
        'host': names.optional_host,
    },
}

# POST /users
create = {
    'type': 'object',
    'required': ['users'],
    'properties': {
        'users': {'type': 'array', 'minItems': 1, 'items': _new_user},
    },
}

# PUT /users: new passwords
change_passwords = {
    'type': 'object',
    'required': ['users'],
    'properties': {
        'users': {'type': 'array', 'minItems': 1, 'items': _password_change},
    },
}

# PUT /users/{user}: new name, host or password (at least one)
update = {
    'type': 'object',
    'required': ['user'],
    'properties': {
        'user': {
            'type': 'object',
            'properties': {
                'name': names.user_name,
                'host': names.user_host,
                'password': names.password,
            },
        },
    },
}

# PUT /users/{user}/databases
grant = {
    'type': 'object',
    'required': ['databases'],
    'properties': {'databases': names.database_refs},
}
