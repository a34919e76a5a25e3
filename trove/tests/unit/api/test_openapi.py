"""GET /openapi.json describes every routed operation with the schemas the
API validates with; the docs' API reference is rendered from it."""
import os

import jsonschema
import pytest

from trove.api.openapi import document
from trove.api.openapi import operations
from trove.api.openapi import reference
from trove.api.v1.schemas import backups
from trove.api.v1.schemas import instances
from trove.tests.unit.api.conftest import PROJECT

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))))
ROUTE_MISSING = 'The resource could not be found.'


def test_openapi_json_is_served_without_a_token(api):
    spec = api.get('/openapi.json', headers={'X-Auth-Token': ''}).json
    assert spec['openapi'].startswith('3.1')
    assert spec['servers'] == [{'url': 'http://127.0.0.1:8779'}]
    create = spec['paths']['/v1.0/{project_id}/instances']['post']
    assert (create['requestBody']['content']['application/json']['schema']
            == instances.create)


def test_request_schemas_are_valid_json_schema():
    spec = document.build('http://x')
    for methods in spec['paths'].values():
        for operation in methods.values():
            body = operation.get('requestBody')
            if body is not None:
                jsonschema.Draft202012Validator.check_schema(
                    body['content']['application/json']['schema'])
    jsonschema.Draft202012Validator.check_schema(document.FAULT_SCHEMA)


def test_operation_ids_are_unique():
    ids = [document.operation_id(op) for op in operations.OPERATIONS]
    assert len(ids) == len(set(ids))


def test_the_fault_schema_accepts_trove_faults():
    jsonschema.validate({'badRequest': {'code': 400, 'message': 'm'}},
                        document.FAULT_SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({'error': 'm'}, document.FAULT_SCHEMA)


@pytest.mark.parametrize('operation', operations.OPERATIONS,
                         ids=lambda op: '%s %s' % (op.method, op.path))
def test_every_listed_operation_is_routed(api, operation):
    path = document.full_path(operation).replace('{project_id}', PROJECT)
    path = path.replace('{', '').replace('}', '')
    response = api.request(path, method=operation.method,
                           body=b'{}' if operation.schema else b'',
                           content_type='application/json',
                           expect_errors=True)
    assert response.status_int != 405, response.body
    if response.status_int == 404:
        assert ROUTE_MISSING not in response.json['itemNotFound']['message']


def test_every_body_schema_is_described():
    described = [op.schema for op in operations.OPERATIONS if op.schema]
    assert any(schema is backups.create for schema in described)
    assert any(schema is instances.create for schema in described)
    for module in (backups, instances):
        for name, value in vars(module).items():
            if (isinstance(value, dict) and not name.startswith('_')
                    and value.get('type') == 'object'):
                assert any(schema is value for schema in described), name


def test_the_api_reference_page_is_up_to_date():
    with open(os.path.join(REPO, 'doc', 'source', 'user',
                           'api-reference.rst')) as page:
        assert page.read() == reference.render(), (
            'doc/source/user/api-reference.rst is out of date: run '
            'python -m trove.api.openapi.reference > '
            'doc/source/user/api-reference.rst')
