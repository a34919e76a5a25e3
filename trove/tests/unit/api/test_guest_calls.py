"""What every databases/users/access/root endpoint shares: policy first,
the caller's instance only, ACTIVE only, guest errors in the fault format,
and passwords nowhere but on their way to the guest."""
import logging

from oslo_policy import opts as policy_opts
import pytest

from trove.common import exception
from trove.conf import CONF
from trove.db.api import instances as instances_db
from trove.instance import keys
from trove.instance.status import Task
from trove.policies import enforcer
from trove.tests.unit.api.conftest import create_active_instance
from trove.tests.unit.api.conftest import OTHER_PROJECT
from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault

UNKNOWN = '7d4bc43c-0000-4000-8000-000000000000'
PASSWORD = 'Pa55-w0rd secret'

# (method, path below the instance, body, policy rule, guest method)
ENDPOINTS = [
    ('GET', '/databases', None, 'database:index', 'list_databases'),
    ('POST', '/databases', {'databases': [{'name': 'db'}]},
     'database:create', 'create_databases'),
    ('DELETE', '/databases/db', None, 'database:delete', 'delete_database'),
    ('GET', '/users', None, 'user:index', 'list_users'),
    ('POST', '/users', {'users': [{'name': 'u', 'password': PASSWORD}]},
     'user:create', 'create_users'),
    ('PUT', '/users', {'users': [{'name': 'u', 'password': PASSWORD}]},
     'user:update_all', 'change_passwords'),
    ('GET', '/users/u', None, 'user:show', 'get_user'),
    ('PUT', '/users/u', {'user': {'password': PASSWORD}}, 'user:update',
     'update_user'),
    ('DELETE', '/users/u', None, 'user:delete', 'delete_user'),
    ('GET', '/users/u/databases', None, 'user_access:index', 'list_access'),
    ('PUT', '/users/u/databases', {'databases': [{'name': 'db'}]},
     'user_access:update', 'grant_access'),
    ('DELETE', '/users/u/databases/db', None, 'user_access:delete',
     'revoke_access'),
    ('POST', '/root', {'password': PASSWORD}, 'root:create', 'enable_root'),
    ('DELETE', '/root', None, 'root:delete', 'disable_root'),
]
IDS = ['%s %s' % (e[0], e[1]) for e in ENDPOINTS]


def _call(api, endpoint, instance_id, project=None, **kwargs):
    method, path, body = endpoint[:3]
    path = '/instances/%s%s' % (instance_id, path)
    full = url(path) if project is None else url(path, project)
    if body is not None:
        return getattr(api, method.lower() + '_json')(full, body, **kwargs)
    return getattr(api, method.lower())(full, **kwargs)


@pytest.fixture
def root_enabled(api, guest, instance_id):
    """A guest with answers, on an instance with root enabled once (which
    DELETE /root needs)."""
    api.post(url('/instances/%s/root' % instance_id))
    guest.reset_mock()
    guest.list_databases.return_value = [{'name': 'db'}]
    guest.list_users.return_value = [{'name': 'u', 'host': '%'}]
    guest.get_user.return_value = {'name': 'u', 'host': '%'}
    guest.list_access.return_value = [{'name': 'db'}]


@pytest.mark.parametrize('endpoint', ENDPOINTS, ids=IDS)
def test_success(api, guest, guest_class, instance_id, root_enabled,
                 endpoint):
    response = _call(api, endpoint, instance_id)
    assert response.status_int in (200, 202, 204)
    assert getattr(guest, endpoint[4]).call_count == 1
    context, called_id, key = guest_class.call_args[0]
    assert called_id == instance_id
    instance = instances_db.get_instance(None, instance_id)
    assert key == keys.decrypt_key(instance.encrypted_key)


@pytest.mark.parametrize('endpoint', ENDPOINTS, ids=IDS)
def test_unknown_instance_is_not_found(api, guest_class, endpoint):
    response = _call(api, endpoint, UNKNOWN, expect_errors=True)
    assert_fault(response, 404, 'itemNotFound')
    guest_class.assert_not_called()


@pytest.mark.parametrize('endpoint', ENDPOINTS, ids=IDS)
def test_another_projects_instance_is_not_found(api, guest_class, endpoint):
    other = create_active_instance(api, project=OTHER_PROJECT)
    response = _call(api, endpoint, other, expect_errors=True)
    assert_fault(response, 404, 'itemNotFound')
    guest_class.assert_not_called()


@pytest.mark.parametrize('endpoint', ENDPOINTS, ids=IDS)
def test_building_instance_is_unprocessable(api, guest_class, endpoint):
    building = api.post_json(url('/instances'), {'instance': {
        'name': 'b', 'flavorRef': '2', 'volume': {'size': 1}}}).json[
        'instance']['id']
    response = _call(api, endpoint, building, expect_errors=True)
    message = assert_fault(response, 422, 'unprocessableEntity')
    assert 'BUILD' in message and building in message
    guest_class.assert_not_called()


def test_rebooting_and_lost_instances_are_unprocessable(api, guest_class,
                                                        instance_id):
    instances_db.start_task(instance_id, Task.REBOOTING, None)
    response = api.get(url('/instances/%s/users' % instance_id),
                       expect_errors=True)
    assert 'REBOOT' in assert_fault(response, 422, 'unprocessableEntity')
    instances_db.end_task(instance_id, Task.REBOOTING)
    instances_db.update_service_status(instance_id, 'SHUTDOWN', sent=2.0)
    response = api.get(url('/instances/%s/users' % instance_id),
                       expect_errors=True)
    assert 'SHUTDOWN' in assert_fault(response, 422, 'unprocessableEntity')
    guest_class.assert_not_called()


@pytest.fixture
def deny_all(api, tmp_path):
    rules = ''.join('"instance:extension:%s": "!"\n' % e[3]
                    for e in ENDPOINTS)
    rules += '"instance:extension:root:index": "!"\n'
    policy_file = tmp_path / 'policy.yaml'
    policy_file.write_text(rules)
    policy_opts.set_defaults(CONF)
    CONF.set_override('policy_file', str(policy_file), group='oslo_policy')
    enforcer.reset()
    yield
    CONF.clear_override('policy_file', group='oslo_policy')
    enforcer.reset()


@pytest.mark.parametrize('endpoint', ENDPOINTS + [
    ('GET', '/root', None, 'root:index', None)], ids=IDS + ['GET /root'])
def test_policy_is_checked_before_anything_else(api, guest_class, deny_all,
                                                endpoint):
    # Even an invalid body on an unknown instance: the rule comes first.
    endpoint = endpoint[:2] + ({'bad': 'body'} if endpoint[2] else None,)
    response = _call(api, endpoint, UNKNOWN, expect_errors=True)
    message = assert_fault(response, 403, 'forbidden')
    assert 'instance:extension:' in message
    guest_class.assert_not_called()


@pytest.mark.parametrize('error, code, fault', [
    (exception.NotFound('User u@% cannot be found.'), 404, 'itemNotFound'),
    (exception.Conflict('User u@% exists already.'), 409,
     'conflictingRequest'),
    (exception.GuestTimeout(instance_id='x'), 504, 'instanceFault'),
    (exception.DatastoreOperationNotSupported(datastore='redis',
                                              operation='users'),
     400, 'badRequest'),
])
@pytest.mark.parametrize('endpoint', ENDPOINTS, ids=IDS)
def test_guest_errors_in_the_fault_format(api, guest, instance_id,
                                          root_enabled, endpoint, error,
                                          code, fault):
    getattr(guest, endpoint[4]).side_effect = error
    response = _call(api, endpoint, instance_id, expect_errors=True)
    assert assert_fault(response, code, fault) == error.msg


def test_passwords_are_never_logged(api, guest, instance_id, caplog):
    caplog.set_level(logging.DEBUG)
    base = '/instances/%s' % instance_id
    api.post_json(url(base + '/users'), {'users': [
        {'name': 'u', 'password': PASSWORD}]})
    api.put_json(url(base + '/users'), {'users': [
        {'name': 'u', 'password': PASSWORD}]})
    api.put_json(url(base + '/users/u'), {'user': {'password': PASSWORD}})
    api.post_json(url(base + '/root'), {'password': PASSWORD})
    generated = api.post(url(base + '/root')).json['user']['password']
    guest.create_users.side_effect = exception.GuestTimeout(instance_id='x')
    api.post_json(url(base + '/users'), {'users': [
        {'name': 'u', 'password': PASSWORD}]}, expect_errors=True)
    response = api.post_json(url(base + '/users'), {'users': [
        {'name': 'u', 'password': PASSWORD, 'host': 'bad host'}]},
        expect_errors=True)
    assert PASSWORD not in response.text
    assert 'Creating users u@%' in caplog.text  # the logs were captured
    assert PASSWORD not in caplog.text
    assert generated not in caplog.text


def test_passwords_are_not_stored(api, guest, instance_id, tmp_path):
    base = '/instances/%s' % instance_id
    api.post_json(url(base + '/users'), {'users': [
        {'name': 'u', 'password': PASSWORD}]})
    generated = api.post(url(base + '/root')).json['user']['password']
    api.post_json(url(base + '/root'), {'password': PASSWORD})
    # The DB file and its write-ahead log.
    stored = b''.join(path.read_bytes() for path in tmp_path.rglob('*.db*'))
    assert b'root_enabled_history' in stored
    assert PASSWORD.encode() not in stored
    assert generated.encode() not in stored
