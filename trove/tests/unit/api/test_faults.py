"""Versions, and every kind of error rendered as Trove's fault body."""
from unittest import mock

from trove.conf import CONF
from trove.tests.unit.api.conftest import url


def assert_fault(response, code, fault):
    assert response.status_int == code
    assert response.content_type == 'application/json'
    assert list(response.json) == [fault]
    assert response.json[fault]['code'] == code
    assert response.json[fault]['message']
    return response.json[fault]['message']


def test_versions(api):
    response = api.get('/')
    version = response.json['versions'][0]
    assert version['id'] == 'v1.0'
    assert version['status'] == 'CURRENT'
    assert version['links'][0]['href'] == 'http://127.0.0.1:8779/v1.0/'


def test_unknown_path_is_item_not_found(api):
    assert_fault(api.get('/nowhere', expect_errors=True), 404,
                 'itemNotFound')
    assert_fault(api.get(url('/nothing/here'), expect_errors=True), 404,
                 'itemNotFound')


def test_unknown_method_is_bad_method(api):
    response = api.put(url('/flavors'), expect_errors=True)
    message = assert_fault(response, 405, 'badMethod')
    assert 'PUT' in message
    assert response.headers['Allow'] == 'GET'


def test_malformed_json_is_bad_request(api):
    response = api.post(url('/instances'), '{"instance": ',
                        content_type='application/json', expect_errors=True)
    assert_fault(response, 400, 'badRequest')


def test_empty_body_is_bad_request(api):
    response = api.post(url('/instances'), '',
                        content_type='application/json', expect_errors=True)
    assert_fault(response, 400, 'badRequest')


def test_oversized_body_is_over_limit(api):
    CONF.set_override('max_request_body_size', 1024, group='api')
    try:
        response = api.post(url('/instances'), 'x' * 2048,
                            content_type='application/json',
                            expect_errors=True)
    finally:
        CONF.clear_override('max_request_body_size', group='api')
    assert_fault(response, 413, 'overLimit')


def test_unexpected_error_is_a_generic_instance_fault(api):
    secret = 'details that belong in the log only'
    with mock.patch('trove.db.api.flavors.list_flavors',
                    side_effect=RuntimeError(secret)):
        response = api.get(url('/flavors'), expect_errors=True)
    message = assert_fault(response, 500, 'instanceFault')
    assert secret not in message


def test_json_whatever_the_client_accepts(api):
    response = api.get(url('/flavors'), headers={'Accept': 'text/html'})
    assert response.content_type == 'application/json'


def test_keystone_401_is_rewritten_keeping_its_challenge():
    import webob
    import webtest

    from trove.api.middleware import fault

    def keystone_refusal(environ, start_response):
        response = webob.Response(status=401, json_body={'error': {
            'code': 401, 'title': 'Unauthorized',
            'message': 'The request you have made requires authentication.'}})
        response.headers['WWW-Authenticate'] = 'Keystone uri="http://ks"'
        return response(environ, start_response)

    app = webtest.TestApp(fault.FaultMiddleware(keystone_refusal))
    response = app.get(url('/instances'), expect_errors=True)
    assert 'authentication' in assert_fault(response, 401, 'unauthorized')
    assert response.headers['WWW-Authenticate'] == 'Keystone uri="http://ks"'
