"""Builds the OpenAPI 3.1 document from the operations table.

OpenAPI 3.1 schemas are JSON Schema (2020-12), so the request schemas go
in as they are; only the parts OpenAPI adds (paths, parameters, the fault
body every error has) are written here.
"""
import copy
import re

from trove.api.openapi import operations
from trove.api.v1.views import versions

PROJECT_PREFIX = '/v1.0/{project_id}'

FAULT_SCHEMA = {
    'description': "Trove's fault body: one key naming the fault "
                   '(badRequest, itemNotFound, forbidden, '
                   'conflictingRequest, overLimit, unprocessableEntity, '
                   'instanceFault...).',
    'type': 'object',
    'minProperties': 1,
    'maxProperties': 1,
    'additionalProperties': {
        'type': 'object',
        'required': ['code', 'message'],
        'properties': {'code': {'type': 'integer'},
                       'message': {'type': 'string'}},
    },
}

_FAULT_RESPONSE = {
    'description': "An error, in Trove's fault format.",
    'content': {'application/json': {
        'schema': {'$ref': '#/components/schemas/Fault'}}},
}

_PAGE_PARAMETERS = [
    {'name': 'limit', 'in': 'query', 'required': False,
     'description': 'Largest number of items in the page (at most 1000).',
     'schema': {'type': 'integer', 'minimum': 1}},
    {'name': 'marker', 'in': 'query', 'required': False,
     'description': 'The last item of the previous page.',
     'schema': {'type': 'string'}},
]


def full_path(operation):
    if operation.path.startswith('//'):
        return operation.path[1:]
    return PROJECT_PREFIX + operation.path


def operation_id(operation):
    """e.g. get_instances_instance_id; the version documents are
    get_versions and get_version."""
    if operation.tag == 'versions':
        return 'get_version' if 'v1.0' in operation.path else 'get_versions'
    words = re.findall(r'[a-z_]+', operation.path)
    return '_'.join([operation.method.lower()] + words)


def _parameters(operation):
    path = full_path(operation)
    found = [{'name': name, 'in': 'path', 'required': True,
              'schema': {'type': 'string', 'minLength': 1}}
             for name in re.findall(r'{(\w+)}', path)]
    if operation.paged:
        found.extend(copy.deepcopy(_PAGE_PARAMETERS))
    return found


def _responses(operation):
    success = {'description': 'Success.'}
    if operation.status not in (202, 204):
        success['content'] = {'application/json': {'schema': {
            'type': 'object'}}}
    return {str(operation.status): success, '4XX': _FAULT_RESPONSE,
            '5XX': _FAULT_RESPONSE}


def _operation(operation):
    body = {
        'operationId': operation_id(operation),
        'tags': [operation.tag],
        'summary': operation.summary,
        'parameters': _parameters(operation),
        'responses': _responses(operation),
    }
    if operation.schema is not None:
        body['requestBody'] = {
            'required': not operation.optional_body,
            'content': {'application/json': {
                'schema': copy.deepcopy(operation.schema)}},
        }
    if operation.tag == 'versions':
        body['security'] = []
    return body


def build(server_url):
    """The document; ``server_url``: the API's root as clients reach it."""
    paths = {}
    for operation in operations.OPERATIONS:
        paths.setdefault(full_path(operation), {})[
            operation.method.lower()] = _operation(operation)
    return {
        'openapi': '3.1.0',
        'info': {
            'title': 'Trove Database service API',
            'version': versions.VERSION_ID,
            'description': 'The v1.0 API of Trove. Request bodies are '
                           'JSON objects of at most [api] '
                           'max_request_body_size bytes (413 above), '
                           'nested at most 32 levels, in UTF-8 (400 '
                           'otherwise).',
        },
        'servers': [{'url': server_url}],
        'security': [{'token': []}],
        'components': {
            'securitySchemes': {'token': {
                'type': 'apiKey', 'in': 'header', 'name': 'X-Auth-Token',
                'description': 'A Keystone token (auth_strategy = '
                               'keystone), else any token (noauth; the '
                               "[api] noauth_admin_token is an admin's)."}},
            'schemas': {'Fault': FAULT_SCHEMA},
        },
        'paths': paths,
    }
