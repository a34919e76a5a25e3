"""/backup_schedules through WebTest: create, list, show, delete, and the
refusals of bad input in Trove's fault format."""
import pytest

from trove.db.api import backup_schedules as schedules_db
from trove.tests.unit.api.conftest import create_active_instance
from trove.tests.unit.api.conftest import OTHER_PROJECT
from trove.tests.unit.api.conftest import url


def _body(instance_id, **fields):
    schedule = {'instance_id': instance_id, 'name': 'nightly',
                'cron': '30 2 * * *', 'incremental': False, 'keep': 3}
    schedule.update(fields)
    return {'backup_schedule': schedule}


def _create(api, instance_id, status=200, **fields):
    return api.post_json(url('/backup_schedules'),
                         _body(instance_id, **fields), status=status)


def test_create_show_list_delete(api, instance_id):
    created = _create(api, instance_id).json['backup_schedule']
    assert created['name'] == 'nightly'
    assert created['instance_id'] == instance_id
    assert created['cron'] == '30 2 * * *'
    assert created['keep'] == 3 and created['incremental'] is False
    assert created['next_run'].endswith('02:30:00')
    assert created['last_run'] is None
    shown = api.get(url('/backup_schedules/%s' % created['id'])).json
    assert shown['backup_schedule'] == created
    listed = api.get(url('/backup_schedules')).json['backup_schedules']
    assert [s['id'] for s in listed] == [created['id']]
    api.delete(url('/backup_schedules/%s' % created['id']), status=202)
    api.get(url('/backup_schedules/%s' % created['id']), status=404)
    assert api.get(url('/backup_schedules')).json['backup_schedules'] == []


def test_list_pages_and_filters_by_instance(api, instance_id):
    other = create_active_instance(api, name='db2')
    ids = [_create(api, instance_id, name='s%d' % n).json[
        'backup_schedule']['id'] for n in range(3)]
    _create(api, other)
    page = api.get(url('/backup_schedules?limit=2')).json
    assert [s['id'] for s in page['backup_schedules']] == ids[:2]
    assert page['links']
    by_instance = api.get(url('/backup_schedules?instance_id=%s'
                              % instance_id)).json['backup_schedules']
    assert [s['id'] for s in by_instance] == ids


@pytest.mark.parametrize('fields, message', [
    ({'cron': '* * * *'}, 'five fields'),
    ({'cron': '61 * * * *'}, 'outside 0-59'),
    ({'cron': '0 0 30 2 *'}, 'matches no time'),
    ({'cron': 5}, "'backup_schedule.cron' must be of type string"),
    ({'keep': 0}, "'backup_schedule.keep' must be at least 1"),
    ({'keep': 'two'}, "'backup_schedule.keep' must be of type integer"),
    ({'name': ''}, "'backup_schedule.name' must not be empty"),
    ({'incremental': 'yes'}, "'backup_schedule.incremental' must be"),
    ({'colour': 'red'}, 'unexpected fields'),
])
def test_bad_input_is_a_400(api, instance_id, fields, message):
    fault = _create(api, instance_id, status=400, **fields).json
    assert fault['badRequest']['code'] == 400
    assert message in fault['badRequest']['message']
    assert schedules_db.list_schedules(None) == []


def test_missing_fields_are_a_400(api, instance_id):
    body = _body(instance_id)
    del body['backup_schedule']['cron']
    fault = api.post_json(url('/backup_schedules'), body, status=400).json
    assert 'backup_schedule.cron' in fault['badRequest']['message']
    api.post_json(url('/backup_schedules'), {'schedule': {}}, status=400)


def test_unknown_or_other_projects_instance_is_a_404(api, instance_id):
    fault = _create(api, 'no-such-instance', status=404).json
    assert fault['itemNotFound']['code'] == 404
    theirs = create_active_instance(api, project=OTHER_PROJECT, name='x')
    _create(api, theirs, status=404)
    assert schedules_db.list_schedules(None) == []


def test_other_projects_schedule_is_not_seen(api, instance_id):
    created = _create(api, instance_id).json['backup_schedule']
    path = '/backup_schedules/%s' % created['id']
    api.get(url(path, OTHER_PROJECT), status=404)
    api.delete(url(path, OTHER_PROJECT), status=404)
    assert api.get(url('/backup_schedules', OTHER_PROJECT)).json[
        'backup_schedules'] == []
    api.get(url(path), status=200)
