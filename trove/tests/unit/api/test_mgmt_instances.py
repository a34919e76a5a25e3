"""/mgmt/instances: every project's instances for admins, the server's
host facts as the compute driver recorded them at create (trove-api
loads no driver), and the stop, reboot and
reset-task-status actions; also as `openstack database instance list
--all-projects` shows them."""
import datetime
from unittest import mock

from osc_lib import utils as osc_utils
from oslo_utils import timeutils
import pytest
from troveclient.osc.v1 import database_instances

from trove.conf import CONF
from trove.db.api import instances as instances_db
from trove.instance.status import Task
from trove.tests.unit.api.conftest import ADMIN_TOKEN
from trove.tests.unit.api.conftest import create_active_instance
from trove.tests.unit.api.conftest import OTHER_PROJECT
from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault
from trove.tests.unit.api.test_quotas import admin_trove  # noqa: F401

ADMIN = {'X-Auth-Token': ADMIN_TOKEN}
HOST_FACTS = {'host': 'host-1', 'instance_dir': '/srv/i/1',
              'volume_type': 'image', 'cgroup_paths': ['/sys/fs/cgroup/i1']}
ADDRESSES = [{'address': '127.77.0.9', 'type': 'private',
              'network': 'local'}]


@pytest.fixture
def load_driver():
    """trove-api must never need the compute driver for these views."""
    with mock.patch('trove.compute.base.load_driver',
                    autospec=True) as load_driver:
        yield load_driver
        load_driver.assert_not_called()


@pytest.fixture
def instances(api, load_driver):
    """An instance in each of two projects, and a deleted one."""
    mine = create_active_instance(api, name='mine')
    theirs = create_active_instance(api, project=OTHER_PROJECT,
                                    name='theirs')
    gone = create_active_instance(api, project=OTHER_PROJECT, name='gone')
    for instance_id in (mine, theirs, gone):
        instances_db.set_server(instance_id, instance_id, '127.77.0.9',
                                addresses=ADDRESSES, host=HOST_FACTS)
    instances_db.mark_deleted(gone)
    return mine, theirs, gone


def _list(api, query=''):
    return api.get(url('/mgmt/instances' + query),
                   headers=ADMIN).json['instances']


def test_list_shows_every_project_and_filters(api, instances):
    mine, theirs, gone = instances
    assert [i['id'] for i in _list(api)] == [mine, theirs, gone]
    assert [i['id'] for i in _list(api, '?deleted=false')] == [mine, theirs]
    assert [i['id'] for i in _list(api, '?deleted=true')] == [gone]
    assert [i['id'] for i in _list(
        api, '?project_id=%s&deleted=false' % OTHER_PROJECT)] == [theirs]
    first, _, deleted = _list(api)
    assert first['tenant_id'] != deleted['tenant_id'] == OTHER_PROJECT
    assert (first['status'], first['deleted'], first['deleted_at']) == (
        'ACTIVE', False, None)
    assert first['server_id'] == mine
    assert first['server']['status'] == 'ACTIVE'
    assert first['service_status'] == 'HEALTHY'
    assert first['task_description'] == 'No tasks for the instance.'
    assert OTHER_PROJECT in deleted['links'][0]['href']
    assert (deleted['status'], deleted['deleted']) == ('SHUTDOWN', True)
    assert deleted['deleted_at'] and deleted['server'] is None


def test_list_pages(api, instances):
    mine, theirs, gone = instances
    page = api.get(url('/mgmt/instances?limit=2'), headers=ADMIN).json
    assert [i['id'] for i in page['instances']] == [mine, theirs]
    assert 'marker=%s' % theirs in page['links'][0]['href']


def test_show_has_the_servers_details(api, instances):
    mine, theirs, gone = instances
    shown = api.get(url('/mgmt/instances/%s' % theirs),
                    headers=ADMIN).json['instance']
    assert shown['tenant_id'] == OTHER_PROJECT
    assert shown['server']['host'] == 'host-1'
    assert shown['server']['instance_dir'] == '/srv/i/1'
    assert shown['server']['cgroup_paths'] == ['/sys/fs/cgroup/i1']
    assert shown['server']['addresses'] == {
        'local': [{'addr': '127.77.0.9', 'version': 4}]}
    deleted = api.get(url('/mgmt/instances/%s' % gone),
                      headers=ADMIN).json['instance']
    assert deleted['deleted'] is True and deleted['server'] is None


def test_server_status_follows_stop_and_a_silent_guest(api, instances):
    mine = instances[0]
    instances_db.start_task(mine, Task.STOPPED, None)
    assert _list(api)[0]['server']['status'] == 'SHUTOFF'
    instances_db.end_task(mine, Task.STOPPED)
    assert _list(api)[0]['server']['status'] == 'ACTIVE'
    silent = timeutils.utcnow() + datetime.timedelta(
        seconds=CONF.agent_heartbeat_expiry + 1)
    with mock.patch.object(timeutils, 'utcnow', return_value=silent):
        assert _list(api)[0]['server']['status'] == 'UNKNOWN'


def test_mgmt_is_admin_only(api, instances):
    for path in ('/mgmt/instances', '/mgmt/instances/%s' % instances[0]):
        assert_fault(api.get(url(path), expect_errors=True), 403,
                     'forbidden')
    assert_fault(api.post_json(url('/mgmt/instances/%s/action'
                                   % instances[0]), {'stop': {}},
                               expect_errors=True), 403, 'forbidden')
    assert instances_db.get_instance(None, instances[0]).task_status == \
        Task.NONE


def _action(api, instance_id, body, status=202):
    return api.post_json(url('/mgmt/instances/%s/action' % instance_id),
                         body, headers=ADMIN, status=status)


def _task(instance_id):
    return instances_db.get_instance(None, instance_id).task_status


def test_stop_then_reboot(api, taskmanager, instances):
    theirs = instances[1]
    _action(api, theirs, {'stop': {}})
    assert _task(theirs) == Task.STOPPING
    taskmanager.stop_instance.assert_called_once()
    assert taskmanager.stop_instance.call_args.args[1] == theirs
    # The taskmanager's stop ends in STOPPED: SHUTDOWN for the owner.
    instances_db.end_task(theirs, Task.STOPPING, Task.STOPPED)
    shown = api.get(url('/instances/%s' % theirs, OTHER_PROJECT)).json
    assert (shown['instance']['status'],
            shown['instance']['operating_status']) == ('SHUTDOWN',
                                                       'SHUTDOWN')
    _action(api, theirs, {'reboot': {}})
    assert _task(theirs) == Task.REBOOTING
    taskmanager.reboot_instance.assert_called_once()


def test_owner_restart_brings_back_a_stopped_instance(api, taskmanager,
                                                      instances):
    theirs = instances[1]
    instances_db.start_task(theirs, Task.STOPPED, None)
    api.post_json(url('/instances/%s/action' % theirs, OTHER_PROJECT),
                  {'restart': {}}, status=202)
    assert _task(theirs) == Task.REBOOTING
    # ...and may delete it while it is stopped.
    instances_db.start_task(theirs, Task.STOPPED, None,
                            allowed_tasks=(Task.REBOOTING,))
    api.delete(url('/instances/%s' % theirs, OTHER_PROJECT), status=202)
    assert _task(theirs) == Task.DELETING


def test_busy_instance_cannot_be_stopped(api, taskmanager, instances):
    mine = instances[0]
    instances_db.start_task(mine, Task.RESIZING, None)
    response = _action(api, mine, {'stop': {}}, status=422)
    assert 'RESIZE' in response.json['unprocessableEntity']['message']
    taskmanager.stop_instance.assert_not_called()


def test_failed_cast_undoes_the_stop(api, taskmanager, instances):
    taskmanager.stop_instance.side_effect = RuntimeError('bus down')
    _action(api, instances[0], {'stop': {}}, status=500)
    assert _task(instances[0]) == Task.NONE


def test_reset_task_status(api, instances):
    mine = instances[0]
    instances_db.start_task(mine, Task.RESIZING, None)
    _action(api, mine, {'reset-task-status': {}})
    assert _task(mine) == Task.NONE


@pytest.mark.parametrize('body,message', [
    ({'migrate': {}}, 'Invalid instance action: migrate'),
    ({'stop': {}, 'reboot': {}}, 'body'),
    ({}, 'body'),
    ({'stop': 'now'}, 'stop'),
])
def test_bad_actions_are_400(api, taskmanager, instances, body, message):
    response = _action(api, instances[0], body, status=400)
    assert message in response.json['badRequest']['message']


def test_unknown_instance_is_404(api, instances):
    api.get(url('/mgmt/instances/no-such-id'), headers=ADMIN, status=404)
    _action(api, 'no-such-id', {'reboot': {}}, status=404)


def test_openstack_database_instance_list_all_projects(
        admin_trove, instances):  # noqa: F811
    command = database_instances.ListDatabaseInstances(mock.Mock(), None)
    command.app.client_manager.database = admin_trove
    args = command.get_parser('x').parse_args(['--all-projects'])
    columns, rows = command.take_action(args)
    listed = [dict(zip(columns, row)) for row in rows]
    assert [row['Name'] for row in listed] == ['mine', 'theirs']
    assert listed[1]['Tenant ID'] == OTHER_PROJECT
    assert listed[1]['Server ID'] == instances[1]
    assert listed[1]['Status'] == 'ACTIVE'
    shown = admin_trove.mgmt_instances.show(instances[1])
    assert osc_utils.get_item_properties(shown, ['tenant_id']) == (
        OTHER_PROJECT,)
