"""GET/PUT /mgmt/quotas/{project} (admins) and GET /limits, directly and
through python-troveclient and its `openstack database quota` commands."""
from unittest import mock

from keystoneauth1 import session as ks_session
from keystoneauth1 import token_endpoint
import pytest
from troveclient import exceptions
from troveclient.osc.v1 import database_quota
from troveclient.v1 import client as trove_client

from trove.db.api import instances as instances_db
from trove.tests.unit.api.conftest import ADMIN_TOKEN
from trove.tests.unit.api.conftest import create_body
from trove.tests.unit.api.conftest import OTHER_PROJECT
from trove.tests.unit.api.conftest import PROJECT
from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault
from trove.tests.unit.api.test_troveclient import _WsgiAdapter

ADMIN = {'X-Auth-Token': ADMIN_TOKEN}


def _quotas(api, project=OTHER_PROJECT, **kwargs):
    return api.get(url('/mgmt/quotas/%s' % project), headers=ADMIN,
                   **kwargs)


def test_show_gives_defaults_and_usage(api):
    api.post_json(url('/instances', OTHER_PROJECT),
                  create_body(volume={'size': 3}))
    assert _quotas(api).json == {'quotas': [
        {'resource': 'instances', 'in_use': 1, 'reserved': 0, 'limit': 10},
        {'resource': 'volumes', 'in_use': 3, 'reserved': 0, 'limit': 40},
        {'resource': 'backups', 'in_use': 0, 'reserved': 0, 'limit': 50},
    ]}


def test_update_sets_limits_that_creates_obey(api, taskmanager):
    response = api.put_json(url('/mgmt/quotas/%s' % OTHER_PROJECT),
                            {'quotas': {'instances': 1, 'volumes': -1}},
                            headers=ADMIN)
    assert response.json == {'quotas': {'instances': 1, 'volumes': -1}}
    limits = {q['resource']: q['limit'] for q in _quotas(api).json['quotas']}
    assert limits == {'instances': 1, 'volumes': -1, 'backups': 50}

    api.post_json(url('/instances', OTHER_PROJECT), create_body())
    response = api.post_json(url('/instances', OTHER_PROJECT), create_body(),
                             expect_errors=True)
    assert assert_fault(response, 413, 'overLimit') == (
        'Quota exceeded for resources: instances.')
    assert len(instances_db.list_instances(OTHER_PROJECT)) == 1
    assert taskmanager.create_instance.call_count == 1
    # Other projects keep the defaults.
    api.post_json(url('/instances'), create_body())


def test_limits_show_the_projects_quotas_and_usage(api):
    api.put_json(url('/mgmt/quotas/%s' % PROJECT),
                 {'quotas': {'volumes': 7}}, headers=ADMIN)
    api.post_json(url('/instances'), create_body(volume={'size': 2}))
    absolute = api.get(url('/limits')).json['limits'][0]
    assert absolute == {'verb': 'ABSOLUTE', 'max_instances': 10,
                        'max_volumes': 7, 'max_backups': 50,
                        'instances': 1, 'volumes': 2, 'backups': 0}


@pytest.mark.parametrize('body,field', [
    ({'quotas': {'instances': -2}}, 'quotas.instances'),
    ({'quotas': {'instances': 'ten'}}, 'quotas.instances'),
    ({'quotas': {'instances': True}}, 'quotas.instances'),
    ({'quotas': {}}, 'quotas'),
    ({'instances': 1}, 'quotas'),
])
def test_bad_updates_are_400(api, body, field):
    response = api.put_json(url('/mgmt/quotas/%s' % OTHER_PROJECT), body,
                            headers=ADMIN, expect_errors=True)
    assert field in assert_fault(response, 400, 'badRequest')


def test_unknown_resource_is_404_and_changes_nothing(api):
    response = api.put_json(url('/mgmt/quotas/%s' % OTHER_PROJECT),
                            {'quotas': {'instances': 1, 'cpus': 4}},
                            headers=ADMIN, expect_errors=True)
    assert assert_fault(response, 404, 'itemNotFound') == (
        'Unknown quota resources cpus.')
    assert _quotas(api).json['quotas'][0]['limit'] == 10


def test_quotas_are_admin_only(api):
    assert_fault(api.get(url('/mgmt/quotas/%s' % PROJECT),
                         expect_errors=True), 403, 'forbidden')
    assert_fault(api.put_json(url('/mgmt/quotas/%s' % PROJECT),
                              {'quotas': {'instances': 100}},
                              expect_errors=True), 403, 'forbidden')


def test_a_create_whose_cast_fails_gives_its_quota_back(api, taskmanager):
    taskmanager.create_instance.side_effect = RuntimeError('bus down')
    response = api.post_json(url('/instances'), create_body(volume={
        'size': 4}), expect_errors=True)
    assert response.status_int == 500
    assert instances_db.list_instances(PROJECT) == []
    assert {q['resource']: q['in_use'] for q in _quotas(
        api, PROJECT).json['quotas']} == {'instances': 0, 'volumes': 0,
                                          'backups': 0}


@pytest.fixture
def admin_trove(api, tmp_path, monkeypatch):
    monkeypatch.setenv('TROVECLIENT_UUID_CACHE_DIR', str(tmp_path))
    auth = token_endpoint.Token('http://trove.test/v1.0/%s' % PROJECT,
                                ADMIN_TOKEN)
    session = ks_session.Session(auth=auth)
    session.session.mount('http://trove.test', _WsgiAdapter(api.app))
    return trove_client.Client(session=session)


def _run(command_class, trove, *argv):
    app = mock.Mock()
    app.client_manager.database = trove
    command = command_class(app, None)
    return command.take_action(command.get_parser('x').parse_args(argv))


def test_openstack_database_quota_show_and_update(admin_trove):
    project = '4d1b6c8e9f0a4b2c8d3e5f6a7b8c9d0e'  # no lookup for an id
    columns, rows = _run(database_quota.UpdateDatabaseQuota, admin_trove,
                         project, 'instances', '3')
    assert dict(zip(columns, rows)) == {'instances': 3}
    columns, rows = _run(database_quota.ShowDatabaseQuota, admin_trove,
                         project)
    assert columns == ['Resource', 'In Use', 'Reserved', 'Limit']
    assert list(rows) == [('instances', 0, 0, 3), ('volumes', 0, 0, 40),
                          ('backups', 0, 0, 50)]
    with pytest.raises(exceptions.NotFound):
        admin_trove.quota.update(project, {'cpus': 1})


def _usage(api, resource, project=PROJECT):
    [found] = [q for q in _quotas(api, project).json['quotas']
               if q['resource'] == resource]
    return found['in_use'], found['reserved']


def test_volume_resize_reserves_the_extra_gb(api, taskmanager,
                                             instance_id):
    api.post_json(url('/instances/%s/action' % instance_id),
                  {'resize': {'volume': {'size': 4}}}, status=202)
    assert _usage(api, 'volumes') == (1, 3)
    taskmanager.resize_volume.assert_called_once()


def test_volume_resize_over_quota_is_413_and_changes_nothing(
        api, taskmanager, instance_id):
    api.put_json(url('/mgmt/quotas/%s' % PROJECT),
                 {'quotas': {'volumes': 3}}, headers=ADMIN)
    response = api.post_json(url('/instances/%s/action' % instance_id),
                             {'resize': {'volume': {'size': 4}}},
                             expect_errors=True)
    assert 'volumes' in assert_fault(response, 413, 'overLimit')
    assert instances_db.get_instance(None, instance_id).task_status == 'NONE'
    assert _usage(api, 'volumes') == (1, 0)
    taskmanager.resize_volume.assert_not_called()


def test_volume_resize_whose_cast_fails_gives_the_gb_back(
        api, taskmanager, instance_id):
    taskmanager.resize_volume.side_effect = RuntimeError('bus down')
    api.post_json(url('/instances/%s/action' % instance_id),
                  {'resize': {'volume': {'size': 4}}}, status=500)
    assert _usage(api, 'volumes') == (1, 0)
    assert instances_db.get_instance(None, instance_id).task_status == 'NONE'
