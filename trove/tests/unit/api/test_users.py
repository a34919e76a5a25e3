"""/instances/{id}/users[/{user}]: list, create, change passwords, show,
update attributes, delete; "name@host" in URLs as troveclient quotes it."""
import pytest

from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault


def _url(instance_id, path=''):
    return url('/instances/%s/users%s' % (instance_id, path))


USERS = [
    {'name': 'bob', 'host': '%', 'databases': [{'name': 'b'}]},
    {'name': 'alice', 'host': '10.0.0.%', 'databases': []},
    {'name': 'alice', 'host': '%', 'databases': [{'name': 'a'}],
     'password': 'never shown'},
]


def test_list_is_sorted_by_name_and_host(api, guest, instance_id):
    guest.list_users.return_value = USERS
    body = api.get(_url(instance_id)).json
    assert body == {'users': [
        {'name': 'alice', 'host': '%', 'databases': [{'name': 'a'}]},
        {'name': 'alice', 'host': '10.0.0.%', 'databases': []},
        {'name': 'bob', 'host': '%', 'databases': [{'name': 'b'}]}],
        'links': []}


def test_list_pages_by_name_at_host(api, guest, instance_id):
    guest.list_users.return_value = USERS
    first = api.get(_url(instance_id), {'limit': '2'}).json
    assert len(first['users']) == 2
    assert 'marker=alice%4010.0.0.%25' in first['links'][0]['href']
    second = api.get(_url(instance_id),
                     {'marker': 'alice@10.0.0.%'}).json
    assert [u['name'] for u in second['users']] == ['bob']


def test_create_defaults_the_host(api, guest, instance_id):
    response = api.post_json(_url(instance_id), {'users': [
        {'name': 'u1', 'password': 'p 1', 'databases': [{'name': 'db'}]},
        {'name': 'u1', 'password': 'p2', 'host': '10.0.0.%', 'x': 1},
        {'name': 'u' * 32, 'password': 'p' * 255, 'host': None}]})
    assert response.status_int == 202
    guest.create_users.assert_called_once_with([
        {'name': 'u1', 'host': '%', 'password': 'p 1',
         'databases': [{'name': 'db'}]},
        {'name': 'u1', 'host': '10.0.0.%', 'password': 'p2',
         'databases': []},
        {'name': 'u' * 32, 'host': '%', 'password': 'p' * 255,
         'databases': []}])


BAD_USERS = [
    {'password': 'p'},
    {'name': 'u'},
    {'name': '', 'password': 'p'},
    {'name': 'u' * 33, 'password': 'p'},
    {'name': 'a@b', 'password': 'p'},
    {'name': 'a/b', 'password': 'p'},
    {'name': 'trailing ', 'password': 'p'},
    {'name': 'newline\n', 'password': 'p'},
    {'name': 'emoji\U0001F600', 'password': 'p'},
    {'name': 'u', 'password': 'p\n'},
    {'name': 'u', 'password': 'p', 'host': 'h\n'},
    {'name': 'a\x00', 'password': 'p'},
    {'name': 'u', 'password': ''},
    {'name': 'u', 'password': 'p' * 256},
    {'name': 'u', 'password': 'line\nbreak'},
    {'name': 'u', 'password': 5},
    {'name': 'u', 'password': 'p', 'host': ''},
    {'name': 'u', 'password': 'p', 'host': 'a b'},
    {'name': 'u', 'password': 'p', 'host': '10.0.0.0/8'},
    {'name': 'u', 'password': 'p', 'host': 'h' * 256},
    {'name': 'u', 'password': 'p', 'databases': [{'name': 'a.b'}]},
    {'name': 'u', 'password': 'p', 'databases': 'db'},
]


@pytest.mark.parametrize('user', BAD_USERS)
def test_invalid_create_is_refused_before_the_guest(api, guest_class,
                                                    instance_id, user):
    response = api.post_json(_url(instance_id), {'users': [user]},
                             expect_errors=True)
    message = assert_fault(response, 400, 'badRequest')
    assert 'line\nbreak' not in message
    guest_class.assert_not_called()


@pytest.mark.parametrize('body', [{}, {'users': []}, {'users': {}}, []])
def test_malformed_bodies_are_refused(api, guest_class, instance_id, body):
    for call in (api.post_json, api.put_json):
        response = call(_url(instance_id), body, expect_errors=True)
        assert_fault(response, 400, 'badRequest')
    guest_class.assert_not_called()


@pytest.mark.parametrize('name', ['root', 'os_admin', 'mysql',
                                  'mariadb.sys'])
def test_reserved_users_are_refused_by_name(api, guest_class, instance_id,
                                            name):
    user = {'name': name, 'password': 'p'}
    for call in (api.post_json, api.put_json):
        response = call(_url(instance_id), {'users': [user]},
                        expect_errors=True)
        assert name in assert_fault(response, 400, 'badRequest')
    for method in ('get', 'delete'):
        response = getattr(api, method)(_url(instance_id, '/' + name),
                                        expect_errors=True)
        assert name in assert_fault(response, 400, 'badRequest')
    response = api.put_json(_url(instance_id, '/someone'),
                            {'user': {'name': name}}, expect_errors=True)
    assert name in assert_fault(response, 400, 'badRequest')
    guest_class.assert_not_called()


def test_reserved_database_in_a_new_user_is_refused(api, guest_class,
                                                    instance_id):
    response = api.post_json(_url(instance_id), {'users': [
        {'name': 'u', 'password': 'p', 'databases': [{'name': 'mysql'}]}]},
        expect_errors=True)
    assert 'mysql' in assert_fault(response, 400, 'badRequest')
    guest_class.assert_not_called()


def test_duplicate_users_are_refused(api, guest_class, instance_id):
    response = api.post_json(_url(instance_id), {'users': [
        {'name': 'u', 'password': 'p'},
        {'name': 'u', 'password': 'q', 'host': '%'}]}, expect_errors=True)
    assert 'u@%' in assert_fault(response, 400, 'badRequest')
    guest_class.assert_not_called()


def test_change_passwords(api, guest, instance_id):
    response = api.put_json(_url(instance_id), {'users': [
        {'name': 'u', 'password': 'new'},
        {'name': 'v', 'host': '10.%', 'password': 'other',
         'databases': [{'name': 'ignored'}]}]})
    assert response.status_int == 202
    guest.change_passwords.assert_called_once_with([
        {'name': 'u', 'host': '%', 'password': 'new'},
        {'name': 'v', 'host': '10.%', 'password': 'other'}])


@pytest.mark.parametrize('path, name, host', [
    ('/myuser', 'myuser', '%'),
    ('/myuser%40%25', 'myuser', '%'),
    ('/my%2euser%4010%2e0%2e0%2e%25', 'my.user', '10.0.0.%'),
    ('/u%40host.example.com', 'u', 'host.example.com'),
    ('/u%40fe80%3A%3A1', 'u', 'fe80::1'),
])
def test_show_parses_name_at_host(api, guest, instance_id, path, name, host):
    guest.get_user.return_value = {'name': name, 'host': host,
                                   'databases': [{'name': 'a'}],
                                   'password': 'secret'}
    body = api.get(_url(instance_id, path)).json
    guest.get_user.assert_called_once_with(name, host)
    assert body == {'user': {'name': name, 'host': host,
                             'databases': [{'name': 'a'}]}}


def test_show_of_a_missing_user_is_not_found(api, guest, instance_id):
    guest.get_user.return_value = None
    response = api.get(_url(instance_id, '/ghost'), expect_errors=True)
    assert_fault(response, 404, 'itemNotFound')


@pytest.mark.parametrize('path', ['/u%40', '/u%40a%20b', '/%40host',
                                  '/' + 'u' * 33])
def test_invalid_user_in_url_is_refused(api, guest_class, instance_id,
                                        path):
    response = api.get(_url(instance_id, path), expect_errors=True)
    assert_fault(response, 400, 'badRequest')
    guest_class.assert_not_called()


def test_update_attributes(api, guest, instance_id):
    response = api.put_json(_url(instance_id, '/u%40%25'), {'user': {
        'name': 'v', 'password': 'p2', 'host': '10.0.0.%'}})
    assert response.status_int == 202
    guest.update_user.assert_called_once_with(
        'u', '%', new_name='v', new_password='p2', new_host='10.0.0.%')


def test_update_of_one_attribute(api, guest, instance_id):
    api.put_json(_url(instance_id, '/u'), {'user': {'password': 'p2'}})
    guest.update_user.assert_called_once_with(
        'u', '%', new_name=None, new_password='p2', new_host=None)


@pytest.mark.parametrize('body', [
    {}, {'user': {}}, {'user': {'other': 1}}, {'user': 'v'},
    {'user': {'name': 'a@b'}}, {'user': {'host': 'a b'}},
    {'user': {'password': ''}}, {'user': {'name': 'x' * 33}},
])
def test_invalid_update_is_refused(api, guest_class, instance_id, body):
    response = api.put_json(_url(instance_id, '/u'), body,
                            expect_errors=True)
    assert_fault(response, 400, 'badRequest')
    guest_class.assert_not_called()


def test_delete(api, guest, instance_id):
    response = api.delete(_url(instance_id, '/u%4010.0.0.%25'))
    assert response.status_int == 202
    guest.delete_user.assert_called_once_with('u', '10.0.0.%')
