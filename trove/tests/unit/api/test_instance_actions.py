"""POST /instances/{id}/action and PUT /instances/{id}."""
from trove.db.api import instances as instances_db
from trove.instance.status import Task
from trove.tests.unit.api.conftest import ADMIN_TOKEN
from trove.tests.unit.api.conftest import OTHER_PROJECT
from trove.tests.unit.api.conftest import url


def _action(api, instance_id, body, status=202, **kwargs):
    return api.post_json(url('/instances/%s/action' % instance_id), body,
                         status=status, **kwargs)


def _task(instance_id):
    return instances_db.get_instance(None, instance_id).task_status


def test_restart(api, taskmanager, instance_id):
    _action(api, instance_id, {'restart': {}})
    assert _task(instance_id) == Task.REBOOTING
    taskmanager.restart_instance.assert_called_once()


def test_resize_flavor(api, taskmanager, instance_id):
    _action(api, instance_id, {'resize': {'flavorRef': '3'}})
    assert _task(instance_id) == Task.RESIZING
    assert taskmanager.resize_flavor.call_args.args[1:] == (instance_id, '3')


def test_resize_volume_grows_only(api, taskmanager, instance_id):
    response = _action(api, instance_id,
                       {'resize': {'volume': {'size': 1}}}, status=400)
    assert 'only grow' in response.json['badRequest']['message']
    assert _task(instance_id) == Task.NONE
    _action(api, instance_id, {'resize': {'volume': {'size': 2}}})
    assert taskmanager.resize_volume.call_args.args[1:] == (instance_id, 2)


def test_busy_instance_gives_422(api, taskmanager, instance_id):
    _action(api, instance_id, {'restart': {}})
    response = _action(api, instance_id, {'resize': {'flavorRef': '3'}},
                       status=422)
    assert 'REBOOT' in response.json['unprocessableEntity']['message']


def test_malformed_action_is_400(api, taskmanager, instance_id):
    for body in ({}, {'restart': {}, 'resize': {'flavorRef': '3'}},
                 {'fly': {}}, {'resize': {'volume': {'size': 'big'}}}):
        _action(api, instance_id, body, status=400)
    assert _task(instance_id) == Task.NONE


def test_other_project_gets_404(api, taskmanager, instance_id):
    api.post_json(url('/instances/%s/action' % instance_id, OTHER_PROJECT),
                  {'restart': {}}, status=404)
    taskmanager.restart_instance.assert_not_called()


def test_reset_status_is_admin_only(api, instance_id):
    _action(api, instance_id, {'restart': {}})
    response = _action(api, instance_id, {'reset_status': {}}, status=403)
    assert 'forbidden' in response.json
    _action(api, instance_id, {'reset_status': {}},
            headers={'X-Auth-Token': ADMIN_TOKEN})
    assert _task(instance_id) == Task.NONE
    shown = api.get(url('/instances/%s' % instance_id)).json['instance']
    assert shown['status'] == 'ERROR'


def test_rename(api, instance_id):
    api.put_json(url('/instances/%s' % instance_id),
                 {'instance': {'name': 'renamed'}}, status=202)
    shown = api.get(url('/instances/%s' % instance_id)).json['instance']
    assert shown['name'] == 'renamed'


def test_unsupported_update_is_400(api, instance_id):
    api.put_json(url('/instances/%s' % instance_id),
                 {'instance': {'replica_of': None}}, status=400)
