"""Datastores, flavors and limits."""
from trove.tests.unit.api.conftest import ADMIN_TOKEN
from trove.tests.unit.api.conftest import create_body
from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault


def test_datastores_list_active_versions_and_the_default(api):
    [datastore] = api.get(url('/datastores')).json['datastores']
    assert datastore['name'] == 'mariadb'
    assert [v['name'] for v in datastore['versions']] == ['10.11']
    assert datastore['default_version'] == datastore['versions'][0]['id']
    admin = api.get(url('/datastores'),
                    headers={'X-Auth-Token': ADMIN_TOKEN}).json
    assert sorted(v['name'] for v in admin['datastores'][0]['versions']) == [
        '10.11', '10.6']


def test_datastore_by_id_or_name(api):
    by_name = api.get(url('/datastores/mariadb')).json['datastore']
    by_id = api.get(url('/datastores/%s' % by_name['id'])).json['datastore']
    assert by_id == by_name
    assert_fault(api.get(url('/datastores/nope'), expect_errors=True), 404,
                 'itemNotFound')


def test_versions_of_a_datastore(api):
    [version] = api.get(url('/datastores/mariadb/versions')).json['versions']
    assert version['name'] == '10.11'
    assert version['version'] == '10.11'
    assert version['active'] is True
    for path in ('/datastores/mariadb/versions/10.11',
                 '/datastores/mariadb/versions/%s' % version['id'],
                 '/datastores/versions/%s' % version['id']):
        assert api.get(url(path)).json['version']['id'] == version['id']
    assert_fault(api.get(url('/datastores/versions/nope'),
                         expect_errors=True), 404, 'itemNotFound')
    assert_fault(api.get(url('/datastores/mariadb/versions/9'),
                         expect_errors=True), 404, 'itemNotFound')


def test_flavors(api):
    flavors = api.get(url('/flavors')).json['flavors']
    assert [f['name'] for f in flavors] == ['db.small', 'db.medium']
    small = flavors[0]
    assert (small['id'], small['str_id'], small['ram'], small['vcpus'],
            small['ephemeral']) == (2, '2', 512, 1, 0)
    assert api.get(url('/flavors/2')).json['flavor'] == small
    response = api.get(url('/flavors/db.small'), expect_errors=True)
    assert assert_fault(response, 404, 'itemNotFound') == (
        'Flavor db.small could not be found.')


def test_limits(api):
    api.post_json(url('/instances'), create_body(volume={'size': 2}))
    limits = api.get(url('/limits')).json['limits']
    absolute = limits[0]
    assert absolute['verb'] == 'ABSOLUTE'
    assert absolute['max_instances'] == 10
    assert absolute['instances'] == 1
    assert absolute['volumes'] == 2
    rates = {limit['verb']: limit for limit in limits[1:]}
    assert set(rates) == {'POST', 'PUT', 'DELETE', 'GET'}
    assert rates['POST']['unit'] == 'MINUTE'
    assert rates['POST']['value'] == rates['POST']['remaining']
