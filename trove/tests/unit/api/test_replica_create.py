"""POST /instances with replica_of: what troveclient sends is understood,
and every refusal creates nothing."""
from unittest import mock

import pytest

from trove.datastore import capabilities
from trove.db.api import instances as instances_db
from trove.db.api import replicas as replicas_db
from trove.tests.unit.api.conftest import create_active_instance
from trove.tests.unit.api.conftest import OTHER_PROJECT
from trove.tests.unit.api.conftest import PROJECT
from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault


def _replica_body(source_id, **extra):
    # As troveclient sends it: no flavorRef, no volume, no datastore.
    instance = {'name': 'r1', 'replica_of': source_id, 'replica_count': 1}
    instance.update(extra)
    return {'instance': instance}


def _post(api, body, project=PROJECT):
    return api.post_json(url('/instances', project), body,
                         expect_errors=True)


def _replication_supported():
    supported = capabilities.Capabilities({'replication': True})
    return mock.patch('trove.replication.requests.capabilities.of_version',
                      return_value=supported)


def test_flavor_is_not_required_for_a_replica(api, taskmanager,
                                              instance_id):
    message = assert_fault(_post(api, _replica_body(instance_id)), 400,
                           'badRequest')
    assert 'flavorRef' not in message
    assert 'does not support replication' in message
    assert [row.id for row in instances_db.list_instances(PROJECT)] == [
        instance_id]
    taskmanager.create_instance.assert_called_once()


def test_flavor_is_still_required_without_replica_of(api):
    body = {'instance': {'name': 'db2', 'volume': {'size': 1}}}
    message = assert_fault(_post(api, body), 400, 'badRequest')
    assert "'instance.flavorRef'" in message


@pytest.mark.parametrize('extra', [
    {'flavorRef': '2'}, {'volume': {'size': 1}},
    {'datastore': {'type': 'mariadb'}}, {'databases': [{'name': 'd'}]},
    {'users': [{'name': 'u', 'password': 'p'}]},
])
def test_what_comes_from_the_source_is_refused(api, instance_id, extra):
    message = assert_fault(_post(api, _replica_body(instance_id, **extra)),
                           400, 'badRequest')
    assert list(extra)[0] in message
    assert len(instances_db.list_instances(PROJECT)) == 1


def test_another_projects_source_is_not_found(api):
    theirs = create_active_instance(api, project=OTHER_PROJECT)
    response = _post(api, _replica_body(theirs))
    assert_fault(response, 404, 'itemNotFound')
    assert instances_db.list_instances(PROJECT) == []


def test_unknown_source_is_not_found(api):
    assert_fault(_post(api, _replica_body('no-such-instance')), 404,
                 'itemNotFound')


def test_replica_count_must_be_positive(api, instance_id):
    message = assert_fault(
        _post(api, _replica_body(instance_id, replica_count=0)), 400,
        'badRequest')
    assert 'replica_count' in message


def test_replica_count_without_replica_of_is_refused(api, taskmanager):
    body = {'instance': {'name': 'db2', 'flavorRef': '2',
                         'volume': {'size': 1}, 'replica_count': 2}}
    message = assert_fault(_post(api, body), 400, 'badRequest')
    assert 'replica_of' in message
    assert instances_db.list_instances(PROJECT) == []


def test_a_supported_datastore_is_still_refused_until_builds_exist(
        api, instance_id):
    with _replication_supported():
        message = assert_fault(_post(api, _replica_body(instance_id)), 400,
                               'badRequest')
    assert 'cannot be built yet' in message
    assert len(instances_db.list_instances(PROJECT)) == 1


def test_show_names_source_and_replicas_and_source_delete_is_refused(
        api, instance_id):
    replica = create_active_instance(api, name='r1')
    replicas_db.set_replica_of(PROJECT, replica, instance_id)
    source_view = api.get(url('/instances/%s' % instance_id)).json
    replica_view = api.get(url('/instances/%s' % replica)).json
    assert [r['id'] for r in source_view['instance']['replicas']] == [
        replica]
    assert replica_view['instance']['replica_of']['id'] == instance_id
    assert replica_view['instance']['replica_of']['links']
    response = api.delete(url('/instances/%s' % instance_id),
                          expect_errors=True)
    assert 'replicas' in assert_fault(response, 400, 'badRequest')
    message = assert_fault(_post(api, _replica_body(replica)), 400,
                           'badRequest')
    assert 'replica of a replica' in message
