"""/instances/{id}/root: enable (with a chosen or generated password),
disable, and the history GET reports."""
import pytest
import sqlalchemy as sa

from trove.db.api import root_history
from trove.db import models
from trove.db import session as db_session
from trove.tests.unit.api.conftest import create_active_instance
from trove.tests.unit.api.conftest import OTHER_PROJECT
from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault


def _url(instance_id, project=None):
    path = '/instances/%s/root' % instance_id
    return url(path) if project is None else url(path, project)


def _history():
    with db_session.transaction() as session:
        return [(row.instance_id, row.user) for row in session.scalars(
            sa.select(models.RootEnabledHistory))]


def test_enable_generates_a_password_and_records_history(api, guest,
                                                         instance_id):
    assert api.get(_url(instance_id)).json == {'rootEnabled': False}
    response = api.post(_url(instance_id),
                        headers={'X-User-Id': 'alice'})
    assert response.status_int == 200
    user = response.json['user']
    assert user['name'] == 'root'
    assert len(user['password']) >= 32
    guest.enable_root.assert_called_once_with(user['password'])
    assert api.get(_url(instance_id)).json == {'rootEnabled': True}
    assert _history() == [(instance_id, 'alice')]
    # Every enabling is a new password; the first enabling stays recorded.
    again = api.post(_url(instance_id)).json['user']['password']
    assert again != user['password']
    assert _history() == [(instance_id, 'alice')]


@pytest.mark.parametrize('body', [{'password': 'my secret'},
                                  {'root': {'password': 'my secret'}}])
def test_enable_with_a_chosen_password(api, guest, instance_id, body):
    response = api.post_json(_url(instance_id), body)
    assert response.json == {'user': {'name': 'root',
                                      'password': 'my secret'}}
    guest.enable_root.assert_called_once_with('my secret')


@pytest.mark.parametrize('body', [{}, {'password': None}, {'root': None}])
def test_enable_with_empty_choices_generates(api, guest, instance_id, body):
    password = api.post_json(_url(instance_id), body).json['user'][
        'password']
    assert password
    guest.enable_root.assert_called_once_with(password)


@pytest.mark.parametrize('body', [
    {'password': ''}, {'password': 'a\tb'}, {'password': 'p' * 256},
    {'password': 12}, {'root': {'password': ''}}, {'root': 'x'}, [],
])
def test_invalid_password_is_refused(api, guest_class, instance_id, body):
    response = api.post_json(_url(instance_id), body, expect_errors=True)
    message = assert_fault(response, 400, 'badRequest')
    assert 'a\tb' not in message
    guest_class.assert_not_called()
    assert _history() == []


def test_failed_enable_records_nothing(api, guest, instance_id):
    from trove.common import exception
    guest.enable_root.side_effect = exception.GuestTimeout(
        instance_id=instance_id)
    response = api.post(_url(instance_id), expect_errors=True)
    assert_fault(response, 504, 'instanceFault')
    assert api.get(_url(instance_id)).json == {'rootEnabled': False}


def test_disable_keeps_the_history(api, guest, instance_id):
    api.post(_url(instance_id))
    response = api.delete(_url(instance_id))
    assert response.status_int == 204
    assert response.body == b''
    guest.disable_root.assert_called_once_with()
    assert api.get(_url(instance_id)).json == {'rootEnabled': True}


def test_disable_of_never_enabled_root_is_not_found(api, guest,
                                                    instance_id):
    response = api.delete(_url(instance_id), expect_errors=True)
    assert_fault(response, 404, 'itemNotFound')
    guest.disable_root.assert_not_called()


def test_history_of_another_project_is_not_shown(api, guest, instance_id):
    other = create_active_instance(api, project=OTHER_PROJECT)
    api.post(_url(other, OTHER_PROJECT))
    response = api.get(_url(other), expect_errors=True)
    assert_fault(response, 404, 'itemNotFound')
    assert api.get(_url(other, OTHER_PROJECT)).json == {'rootEnabled': True}


def test_history_shows_without_an_active_guest(api, guest_class):
    instance_id = api.post_json(url('/instances'), {'instance': {
        'name': 'building', 'flavorRef': '2', 'volume': {'size': 1}}}).json[
        'instance']['id']
    assert api.get(_url(instance_id)).json == {'rootEnabled': False}
    guest_class.assert_not_called()


def test_record_is_idempotent(api, instance_id):
    root_history.record(instance_id, 'first')
    root_history.record(instance_id, 'second')
    assert root_history.was_enabled(instance_id)
    assert _history() == [(instance_id, 'first')]


def test_enable_names_the_engines_superuser(api, guest, instance_id):
    guest.enable_root.side_effect = lambda password: {'name': 'postgres',
                                                      'password': password}
    body = api.post_json(_url(instance_id), {}).json
    assert body['user']['name'] == 'postgres'
