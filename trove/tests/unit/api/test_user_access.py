"""/instances/{id}/users/{user}/databases[/{name}]: show, grant, revoke."""
import pytest

from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault


def _url(instance_id, user='u%40%25', path=''):
    return url('/instances/%s/users/%s/databases%s' % (instance_id, user,
                                                       path))


def test_list_access(api, guest, instance_id):
    guest.list_access.return_value = [{'name': 'a'}, {'name': 'b', 'x': 1}]
    body = api.get(_url(instance_id, user='u%4010.0.0.%25')).json
    assert body == {'databases': [{'name': 'a'}, {'name': 'b'}]}
    guest.list_access.assert_called_once_with('u', '10.0.0.%')


def test_grant(api, guest, instance_id):
    response = api.put_json(_url(instance_id, user='u'), {'databases': [
        {'name': 'a'}, {'name': 'b'}]})
    assert response.status_int == 202
    guest.grant_access.assert_called_once_with('u', '%', ['a', 'b'])


def test_revoke(api, guest, instance_id):
    response = api.delete(_url(instance_id, path='/a'))
    assert response.status_int == 202
    guest.revoke_access.assert_called_once_with('u', '%', 'a')


@pytest.mark.parametrize('body', [
    {}, {'databases': []}, {'databases': ['a']}, {'databases': [{}]},
    {'databases': [{'name': 'a/b'}]}, {'databases': [{'name': 'x' * 65}]},
])
def test_invalid_grant_is_refused(api, guest_class, instance_id, body):
    response = api.put_json(_url(instance_id), body, expect_errors=True)
    assert_fault(response, 400, 'badRequest')
    guest_class.assert_not_called()


def test_reserved_names_are_refused(api, guest_class, instance_id):
    response = api.put_json(_url(instance_id), {'databases': [
        {'name': 'a'}, {'name': 'performance_schema'}]}, expect_errors=True)
    assert 'performance_schema' in assert_fault(response, 400, 'badRequest')
    response = api.delete(_url(instance_id, path='/sys'), expect_errors=True)
    assert 'sys' in assert_fault(response, 400, 'badRequest')
    response = api.get(_url(instance_id, user='root'), expect_errors=True)
    assert 'root' in assert_fault(response, 400, 'badRequest')
    response = api.delete(_url(instance_id, user='os_admin', path='/a'),
                          expect_errors=True)
    assert 'os_admin' in assert_fault(response, 400, 'badRequest')
    guest_class.assert_not_called()


def test_methods_not_allowed(api, guest, instance_id):
    assert_fault(api.post_json(_url(instance_id), {}, expect_errors=True),
                 405, 'badMethod')
    assert_fault(api.get(_url(instance_id, path='/a'), expect_errors=True),
                 405, 'badMethod')
