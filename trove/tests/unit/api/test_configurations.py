"""Configuration groups over the REST API: create, list, show, PUT/PATCH,
delete; values checked against the version's rules; project scoping;
attach and detach through PUT /instances/{id}."""
import pytest

from trove.configuration import parameters
from trove.db.api import instance_configurations as states_db
from trove.tests.unit.api.conftest import ADMIN_TOKEN
from trove.tests.unit.api.conftest import create_active_instance
from trove.tests.unit.api.conftest import OTHER_PROJECT
from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault

VALUES = {'max_connections': 200, 'long_query_time': 2.5}


@pytest.fixture
def rules(catalog):
    parameters.load_shipped('mariadb', '10.11')


def _create(api, values=None, name='cfg', project=None, status=200,
            **extra):
    body = {'configuration': dict(
        {'name': name, 'values': VALUES if values is None else values,
         'datastore': {'type': 'mariadb', 'version': '10.11'}}, **extra)}
    path = url('/configurations') if project is None else url(
        '/configurations', project)
    return api.post_json(path, body, status=status)


def _show(api, configuration_id, project=None, status=200):
    path = '/configurations/%s' % configuration_id
    return api.get(url(path) if project is None else url(path, project),
                   status=status)


def test_create_shows_values_and_version(api, rules):
    body = _create(api, description='tuned').json['configuration']
    assert body['values'] == VALUES
    assert body['name'] == 'cfg'
    assert body['description'] == 'tuned'
    assert body['datastore_name'] == 'mariadb'
    assert body['datastore_version_name'] == '10.11'
    assert body['datastore_version_id']
    assert body['instance_count'] == 0
    shown = _show(api, body['id']).json['configuration']
    assert shown['values'] == VALUES


@pytest.mark.parametrize('values,named', [
    ({'no_such_parameter': 1}, 'no_such_parameter'),
    ({'max_connections': 'many'}, 'max_connections'),
    ({'max_connections': True}, 'max_connections'),
    ({'max_connections': 5}, 'max_connections'),
    ({'max_connections': 10 ** 9}, 'max_connections'),
    ({'slow_query_log': 1}, 'slow_query_log'),
    ({'sql_mode': 'A"B'}, 'sql_mode'),
    ({'sql_mode': 'line\nbreak'}, 'sql_mode'),
])
def test_bad_values_are_400_naming_the_parameter(api, rules, values, named):
    response = _create(api, values=values, status=400)
    assert_fault(response, 400, 'badRequest')
    assert named in response.json['badRequest']['message']
    assert api.get(url('/configurations')).json['configurations'] == []


def test_list_and_paging(api, rules):
    ids = [_create(api, name='c%d' % n).json['configuration']['id']
           for n in range(3)]
    listed = api.get(url('/configurations')).json
    assert [c['id'] for c in listed['configurations']] == ids
    assert 'values' not in listed['configurations'][0]
    page = api.get(url('/configurations?limit=2')).json
    assert [c['id'] for c in page['configurations']] == ids[:2]
    assert 'marker=%s' % ids[1] in page['links'][0]['href']


def test_other_projects_see_nothing(api, rules):
    configuration_id = _create(api).json['configuration']['id']
    assert api.get(url('/configurations', OTHER_PROJECT)).json[
        'configurations'] == []
    _show(api, configuration_id, project=OTHER_PROJECT, status=404)
    api.delete(url('/configurations/%s' % configuration_id, OTHER_PROJECT),
               status=404)


def test_an_admin_reaches_another_projects_group_by_id(api, rules):
    configuration_id = _create(api).json['configuration']['id']
    admin = {'X-Auth-Token': ADMIN_TOKEN}
    shown = api.get(url('/configurations/%s' % configuration_id,
                        OTHER_PROJECT), headers=admin).json
    assert shown['configuration']['id'] == configuration_id
    # Its own project's list stays its own.
    assert api.get(url('/configurations', OTHER_PROJECT),
                   headers=admin).json['configurations'] == []


def test_put_replaces_and_patch_merges(api, rules):
    configuration_id = _create(api).json['configuration']['id']
    path = url('/configurations/%s' % configuration_id)
    api.patch_json(path, {'configuration': {'values': {'wait_timeout': 60}}},
                   status=204)
    assert _show(api, configuration_id).json['configuration']['values'] == \
        dict(VALUES, wait_timeout=60)
    api.put_json(path, {'configuration': {'values': {'wait_timeout': 90},
                                          'name': 'renamed'}}, status=202)
    shown = _show(api, configuration_id).json['configuration']
    assert shown['values'] == {'wait_timeout': 90}
    assert shown['name'] == 'renamed'


def test_bad_update_changes_nothing(api, rules):
    configuration_id = _create(api).json['configuration']['id']
    response = api.patch_json(
        url('/configurations/%s' % configuration_id),
        {'configuration': {'values': {'wait_timeout': 60,
                                      'max_connections': -1}}}, status=400)
    assert 'max_connections' in response.json['badRequest']['message']
    assert _show(api, configuration_id).json['configuration'][
        'values'] == VALUES


def test_attach_detach_and_delete(api, rules, taskmanager):
    instance_id = create_active_instance(api)
    configuration_id = _create(api).json['configuration']['id']
    api.put_json(url('/instances/%s' % instance_id),
                 {'instance': {'configuration': configuration_id}},
                 status=202)
    taskmanager.apply_configuration.assert_called_once()
    shown = api.get(url('/instances/%s' % instance_id)).json['instance']
    assert shown['configuration']['id'] == configuration_id
    assert shown['configuration']['name'] == 'cfg'
    listed = api.get(url('/configurations/%s/instances'
                         % configuration_id)).json['instances']
    assert listed == [{'id': instance_id, 'name': 'db1'}]
    assert _show(api, configuration_id).json['configuration'][
        'instance_count'] == 1
    response = api.delete(url('/configurations/%s' % configuration_id),
                          status=400)
    assert instance_id in response.json['badRequest']['message']
    # A group on a changed instance goes to the taskmanager.
    api.patch_json(url('/configurations/%s' % configuration_id),
                   {'configuration': {'values': {'wait_timeout': 60}}})
    taskmanager.update_configuration.assert_called_once()
    api.put_json(url('/instances/%s' % instance_id),
                 {'instance': {'configuration': None}}, status=202)
    assert 'configuration' not in api.get(
        url('/instances/%s' % instance_id)).json['instance']
    api.delete(url('/configurations/%s' % configuration_id), status=202)
    _show(api, configuration_id, status=404)


def test_a_second_group_is_refused(api, rules):
    instance_id = create_active_instance(api)
    first, second = [_create(api, name=n).json['configuration']['id']
                     for n in ('a', 'b')]
    path = url('/instances/%s' % instance_id)
    api.put_json(path, {'instance': {'configuration': first}})
    response = api.put_json(path, {'instance': {'configuration': second}},
                            status=400)
    assert first in response.json['badRequest']['message']


def test_another_projects_group_cannot_be_attached(api, rules):
    instance_id = create_active_instance(api)
    configuration_id = _create(api, project=OTHER_PROJECT).json[
        'configuration']['id']
    api.put_json(url('/instances/%s' % instance_id),
                 {'instance': {'configuration': configuration_id}},
                 status=404)


def test_restart_required_is_a_status(api, rules):
    instance_id = create_active_instance(api)
    configuration_id = _create(api).json['configuration']['id']
    api.put_json(url('/instances/%s' % instance_id),
                 {'instance': {'configuration': configuration_id}})
    serial = states_db.get_state(instance_id).serial
    states_db.mark_applied(instance_id, serial, True)
    assert api.get(url('/instances/%s' % instance_id)).json[
        'instance']['status'] == 'RESTART_REQUIRED'
    states_db.clear_restart_required(instance_id)
    assert api.get(url('/instances/%s' % instance_id)).json[
        'instance']['status'] == 'ACTIVE'


def test_create_instance_with_a_group(api, rules, taskmanager):
    configuration_id = _create(api).json['configuration']['id']
    body = {'instance': {'name': 'db9', 'flavorRef': '2',
                         'volume': {'size': 1},
                         'configuration': configuration_id}}
    instance = api.post_json(url('/instances'), body).json['instance']
    assert instance['configuration']['id'] == configuration_id
    assert states_db.get_state(instance['id']).configuration_id == \
        configuration_id


def test_create_instance_with_an_unknown_group_is_404(api, rules):
    body = {'instance': {'name': 'db9', 'flavorRef': '2',
                         'volume': {'size': 1}, 'configuration': 'nope'}}
    api.post_json(url('/instances'), body, status=404)
    assert api.get(url('/instances')).json['instances'] == []


def test_default_configuration_comes_from_the_guest(api, guest,
                                                    instance_id):
    guest.get_default_configuration.return_value = {'max_connections': 100}
    body = api.get(url('/instances/%s/configuration' % instance_id)).json
    assert body == {'instance': {'configuration': {'max_connections': 100}}}
