"""GET/POST /instances/{id}/databases and DELETE .../databases/{name}."""
from urllib import parse

import pytest

from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault


def _url(instance_id, path=''):
    return url('/instances/%s/databases%s' % (instance_id, path))


def test_list_is_sorted_with_every_field(api, guest, instance_id):
    guest.list_databases.return_value = [
        {'name': 'b', 'character_set': 'utf8mb4',
         'collate': 'utf8mb4_general_ci'},
        {'name': 'a', 'character_set': 'latin1',
         'collate': 'latin1_swedish_ci', 'extra': 'never shown'}]
    body = api.get(_url(instance_id)).json
    assert body == {'databases': [
        {'name': 'a', 'character_set': 'latin1',
         'collate': 'latin1_swedish_ci'},
        {'name': 'b', 'character_set': 'utf8mb4',
         'collate': 'utf8mb4_general_ci'}], 'links': []}


def test_list_pages_by_name(api, guest, instance_id):
    guest.list_databases.return_value = [{'name': n} for n in 'cab']
    first = api.get(_url(instance_id), {'limit': '2'}).json
    assert [d['name'] for d in first['databases']] == ['a', 'b']
    [link] = first['links']
    assert link['rel'] == 'next'
    assert 'marker=b' in link['href'] and 'limit=2' in link['href']
    second = api.get(_url(instance_id), {'limit': '2', 'marker': 'b'}).json
    assert [d['name'] for d in second['databases']] == ['c']
    assert second['links'] == []


def test_create_sends_only_known_fields(api, guest, instance_id):
    response = api.post_json(_url(instance_id), {'databases': [
        {'name': 'mydb', 'character_set': 'utf8mb4',
         'collate': 'utf8mb4_bin', 'unknown': 1},
        {'name': 'x' * 64}]})
    assert response.status_int == 202
    assert response.body == b''
    guest.create_databases.assert_called_once_with([
        {'name': 'mydb', 'character_set': 'utf8mb4',
         'collate': 'utf8mb4_bin'},
        {'name': 'x' * 64, 'character_set': None, 'collate': None}])


def test_delete(api, guest, instance_id):
    response = api.delete(_url(instance_id, '/my-db'))
    assert response.status_int == 202
    guest.delete_database.assert_called_once_with('my-db')


@pytest.mark.parametrize('body', [
    {},
    {'databases': 'mydb'},
    {'databases': []},
    {'databases': [{}]},
    {'databases': [{'name': ''}]},
    {'databases': [{'name': 'x' * 65}]},
    {'databases': [{'name': 7}]},
    {'databases': [{'name': 'a/b'}]},
    {'databases': [{'name': 'a\\b'}]},
    {'databases': [{'name': 'a.b'}]},
    {'databases': [{'name': 'a\x00b'}]},
    {'databases': [{'name': 'a\nb'}]},
    {'databases': [{'name': 'trailing '}]},
    {'databases': [{'name': 'newline\n'}]},
    {'databases': [{'name': 'emoji\U0001F600'}]},
    {'databases': [{'name': 'ok', 'character_set': 'utf8; DROP'}]},
    {'databases': [{'name': 'ok', 'character_set': ''}]},
    {'databases': [{'name': 'ok', 'collate': 'c' * 65}]},
    # Numbers where the guest writes a name (a SQL syntax error there).
    {'databases': [{'name': 'ok', 'character_set': '5'}]},
    {'databases': [{'name': 'ok', 'collate': '1e5'}]},
    ['databases'],
])
def test_invalid_create_is_refused_before_the_guest(api, guest_class,
                                                    instance_id, body):
    response = api.post_json(_url(instance_id), body, expect_errors=True)
    assert_fault(response, 400, 'badRequest')
    guest_class.assert_not_called()


def test_malformed_json_is_refused(api, guest_class, instance_id):
    response = api.post(_url(instance_id), '{"databases": [',
                        content_type='application/json', expect_errors=True)
    assert_fault(response, 400, 'badRequest')
    guest_class.assert_not_called()


@pytest.mark.parametrize('name', ['mysql', 'information_schema',
                                  'performance_schema', 'sys', 'MySQL',
                                  'lost+found', '#mysql50#x'])
def test_reserved_names_are_refused_by_name(api, guest_class, instance_id,
                                            name):
    response = api.post_json(_url(instance_id),
                             {'databases': [{'name': 'fine'},
                                            {'name': name}]},
                             expect_errors=True)
    assert name in assert_fault(response, 400, 'badRequest')
    response = api.delete(_url(instance_id, '/' + parse.quote(name)),
                          expect_errors=True)
    assert name in assert_fault(response, 400, 'badRequest')
    guest_class.assert_not_called()


@pytest.mark.parametrize('name', ['a.b', 'a%5Cb', 'trailing%20', 'x' * 65])
def test_invalid_name_in_url_is_refused(api, guest_class, instance_id,
                                        name):
    response = api.delete(_url(instance_id, '/' + name), expect_errors=True)
    assert_fault(response, 400, 'badRequest')
    guest_class.assert_not_called()


def test_methods_not_allowed(api, guest, instance_id):
    assert_fault(api.put_json(_url(instance_id), {}, expect_errors=True),
                 405, 'badMethod')
    assert_fault(api.get(_url(instance_id, '/mydb'), expect_errors=True),
                 405, 'badMethod')
