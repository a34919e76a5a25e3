"""Show, list, delete; project scoping; the status a user sees."""
import datetime

from oslo_utils import timeutils
import sqlalchemy as sa

from trove.db.api import heartbeats
from trove.db.api import instances as instances_db
from trove.db import models
from trove.db import session as db_session
from trove.instance.status import Task
from trove.tests.unit.api.conftest import ADMIN_TOKEN
from trove.tests.unit.api.conftest import create_body
from trove.tests.unit.api.conftest import OTHER_PROJECT
from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault


def _create(api, name='db1', project=None):
    path = url('/instances') if project is None else url('/instances',
                                                         project)
    return api.post_json(path, create_body(name=name)).json['instance']['id']


def _heartbeat(instance_id, status, age_seconds=0):
    """The guest reported ``status`` ``age_seconds`` ago; the build is
    over."""
    instances_db.end_task(instance_id, Task.BUILDING)
    instances_db.update_service_status(instance_id, status, sent=1.0)
    with db_session.transaction() as session:
        session.execute(sa.update(models.ServiceStatus).where(
            models.ServiceStatus.instance_id == instance_id).values(
            updated=timeutils.utcnow() - datetime.timedelta(
                seconds=age_seconds)))


def _show(api, instance_id, **kwargs):
    return api.get(url('/instances/%s' % instance_id),
                   **kwargs).json['instance']


def test_show_has_what_the_cli_prints(api):
    instance_id = _create(api)
    instances_db.set_server(
        instance_id, 'server-1', '127.77.0.2',
        addresses=[{'address': '127.77.0.2', 'type': 'private',
                    'network': 'trove-mgmt'},
                   {'address': '10.1.0.7', 'type': 'public',
                    'network': 'tenant-net'}])
    view = _show(api, instance_id)
    assert view['id'] == instance_id
    assert view['status'] == 'BUILD'
    assert view['operating_status'] == 'BUILD'
    assert view['flavor']['id'] == '2'
    assert view['flavor']['links']
    # Each address as the compute driver named it, network and type.
    assert view['ip'] == ['127.77.0.2', '10.1.0.7']
    assert view['addresses'] == [
        {'address': '127.77.0.2', 'type': 'private', 'network': 'trove-mgmt'},
        {'address': '10.1.0.7', 'type': 'public', 'network': 'tenant-net'}]
    assert view['region'] == 'RegionOne'
    assert len(view['created']) == len('2026-11-25T12:00:00')
    assert [link['rel'] for link in view['links']] == ['self', 'bookmark']
    assert 'tenant_id' not in view


def test_healthy_heartbeat_is_active(api):
    instance_id = _create(api)
    _heartbeat(instance_id, 'HEALTHY')
    view = _show(api, instance_id)
    assert (view['status'], view['operating_status']) == ('ACTIVE',
                                                          'HEALTHY')


def test_show_has_the_volume_used_from_the_heartbeat(api):
    instance_id = _create(api)
    assert 'used' not in _show(api, instance_id)['volume']
    instances_db.end_task(instance_id, Task.BUILDING)
    heartbeats.record_heartbeats([
        (instance_id, 'HEALTHY', 1.0, None,
         {'used': int(0.25 * 2 ** 30), 'size': 2 ** 30})])
    volume = _show(api, instance_id)['volume']
    assert volume == {'size': 1, 'used': 0.25}


def test_stale_heartbeat_is_error(api):
    instance_id = _create(api)
    _heartbeat(instance_id, 'HEALTHY', age_seconds=3600)
    view = _show(api, instance_id)
    assert (view['status'], view['operating_status']) == ('ERROR', 'ERROR')


def test_fault_is_shown_while_in_error_details_to_admins_only(api):
    instance_id = _create(api)
    instances_db.record_fault(instance_id, 'Build timed out.', 'trace')
    instances_db.start_task(instance_id, Task.BUILDING_ERROR, None,
                            allowed_tasks=(Task.BUILDING,))
    view = _show(api, instance_id)
    assert view['status'] == 'ERROR'
    assert view['fault']['message'] == 'Build timed out.'
    assert 'details' not in view['fault']
    admin_view = _show(api, instance_id,
                       headers={'X-Auth-Token': ADMIN_TOKEN})
    assert admin_view['fault']['details'] == 'trace'
    assert admin_view['tenant_id']
    detail = api.get(url('/instances/detail')).json['instances']
    assert detail[0]['fault']['message'] == 'Build timed out.'


def test_no_fault_once_recovered(api):
    instance_id = _create(api)
    instances_db.record_fault(instance_id, 'An old problem.')
    _heartbeat(instance_id, 'HEALTHY')
    assert 'fault' not in _show(api, instance_id)


def test_another_projects_instance_is_not_found(api, taskmanager):
    instance_id = _create(api, project=OTHER_PROJECT)
    path = url('/instances/%s' % instance_id)
    assert_fault(api.get(path, expect_errors=True), 404, 'itemNotFound')
    assert_fault(api.delete(path, expect_errors=True), 404, 'itemNotFound')
    taskmanager.delete_instance.assert_not_called()
    assert api.get(url('/instances')).json['instances'] == []


def test_a_name_or_any_string_is_a_clean_404(api):
    _create(api)
    response = api.get(url('/instances/db1'), expect_errors=True)
    assert_fault(response, 404, 'itemNotFound')


def test_delete_sets_deleting_and_casts(api, taskmanager):
    instance_id = _create(api)
    response = api.delete(url('/instances/%s' % instance_id))
    assert response.status_int == 202
    assert response.body == b''
    row = instances_db.get_instance(None, instance_id)
    assert row.task_status == Task.DELETING
    taskmanager.delete_instance.assert_called_once()
    assert taskmanager.delete_instance.call_args.args[1] == instance_id
    assert _show(api, instance_id)['status'] == 'SHUTDOWN'


def test_delete_during_another_task_is_unprocessable(api, taskmanager):
    instance_id = _create(api)
    instances_db.start_task(instance_id, Task.REBOOTING, None,
                            allowed_tasks=(Task.BUILDING,))
    response = api.delete(url('/instances/%s' % instance_id),
                          expect_errors=True)
    assert 'REBOOT' in assert_fault(response, 422, 'unprocessableEntity')
    taskmanager.delete_instance.assert_not_called()


def test_list_pages_with_limit_and_marker(api):
    ids = [_create(api, name='db%d' % n) for n in range(3)]
    first = api.get(url('/instances?limit=2&include_clustered=False')).json
    assert [i['id'] for i in first['instances']] == ids[:2]
    [next_link] = first['links']
    assert next_link['rel'] == 'next'
    assert 'marker=%s' % ids[1] in next_link['href']
    assert 'limit=2' in next_link['href']
    second = api.get(url('/instances/detail?limit=2&marker=%s' % ids[1]))
    assert [i['id'] for i in second.json['instances']] == ids[2:]
    assert second.json['links'] == []
    assert 'created' in second.json['instances'][0]


def test_bad_limit_and_marker_are_bad_requests(api):
    assert_fault(api.get(url('/instances?limit=0'), expect_errors=True),
                 400, 'badRequest')
    assert_fault(api.get(url('/instances?marker=nope'), expect_errors=True),
                 400, 'badRequest')
