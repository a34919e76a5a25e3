"""trove.instance.* notifications, caught by oslo.messaging's test driver:
who sends them, when, and with Trove's payload keys."""
import datetime
from unittest import mock

from oslo_messaging.notify import _impl_test
from oslo_messaging import opts as messaging_opts
from oslo_utils import timeutils
import pytest

from trove.common import context as trove_context
from trove.common import notification
from trove.common.rpc import transport
from trove.conf import CONF
from trove.db.api import datastores as ds_api
from trove.db.api import flavors as flavors_api
from trove.db.api import instances as instances_api
from trove.instance import keys
from trove.instance.status import ServiceStatus as S
from trove.instance.status import Task as T
from trove.taskmanager import exists
from trove.taskmanager.flows import delete_instance
from trove.taskmanager import manager
from trove.tests.unit.conductor import signed
from trove.tests.unit import doubles

GROUP = 'oslo_messaging_notifications'
PAYLOAD_KEYS = {
    'instance_id', 'instance_name', 'tenant_id', 'user_id', 'instance_type',
    'instance_type_id', 'instance_size', 'memory_mb', 'disk_gb',
    'volume_size', 'region', 'availability_zone', 'created_at',
    'launched_at', 'deleted_at', 'state', 'state_description', 'service_id',
    'datastore', 'datastore_version', 'nova_instance_id'}


def _reset():
    transport.reset()
    notification.reset()
    _impl_test.reset()


@pytest.fixture
def sent(control_db):
    """The notifications sent, as (event_type, message)."""
    for group, opts in messaging_opts.list_opts():
        if group == GROUP:  # registered by the first Notifier otherwise
            CONF.register_opts(opts, group=group)
    CONF.set_override('transport_url', 'fake:/', group=GROUP)
    CONF.set_override('driver', ['test'], group=GROUP)
    CONF.set_override('host', 'tm-host')
    _reset()
    yield lambda: [(m['event_type'], m) for _c, m, _p, _r
                   in _impl_test.NOTIFICATIONS]
    CONF.clear_override('transport_url', group=GROUP)
    CONF.clear_override('driver', group=GROUP)
    CONF.clear_override('host')
    _reset()


def _instance(project='proj', name='db1'):
    ds_api.upsert_datastore('mariadb')
    version = ds_api.upsert_version('mariadb', '10.11', 'mariadb')
    flavors_api.upsert_flavor('2', 'db.small', 512, 1)
    flavors_api.upsert_flavor('3', 'db.medium', 1024, 2)
    return instances_api.create_instance(
        project, name, '2', 3, version.id, keys.new_encrypted_key()[1],
        timeutils.utcnow() + datetime.timedelta(seconds=60))


def _built(instance):
    instances_api.set_server(instance.id, instance.id, '127.0.0.9')
    signed.AsGuest().heartbeat(
        None, instance.id, S.HEALTHY, 1.0)


def test_create_is_sent_once_when_the_build_ends(sent):
    instance = _instance()
    _built(instance)
    signed.AsGuest().heartbeat(
        None, instance.id, S.HEALTHY, 2.0)
    [(event, message)] = sent()
    assert event == 'trove.instance.create'
    assert message['publisher_id'] == 'trove.tm-host'
    assert message['priority'] == 'INFO'
    payload = message['payload']
    assert PAYLOAD_KEYS <= set(payload)
    assert (payload['instance_id'], payload['tenant_id'],
            payload['instance_name']) == (instance.id, 'proj', 'db1')
    assert (payload['instance_type'], payload['instance_type_id'],
            payload['memory_mb'], payload['disk_gb']) == (
        'db.small', '2', 512, 3)
    assert (payload['state'], payload['datastore'],
            payload['datastore_version']) == ('active', 'mariadb', '10.11')
    assert payload['service_id'] == '7a4f82cc-10d2-4bc6-aadc-d9aacc2a3cb5'
    assert payload['nova_instance_id'] == instance.id
    assert payload['created_at'].endswith('Z')


def test_delete_is_sent_once_with_its_time(sent):
    instance = _instance()
    context = trove_context.TroveContext(user_id='alice',
                                         project_id='proj')
    driver = doubles.compute_driver()
    delete_instance.run(driver, instance.id, context)
    delete_instance.run(driver, instance.id, context)  # re-driven
    [(event, message)] = sent()
    assert event == 'trove.instance.delete'
    assert message['payload']['deleted_at'].endswith('Z')
    assert message['payload']['state'] == 'shutdown'
    assert message['payload']['user_id'] == 'alice'


def test_modify_flavor_is_sent_after_a_resize(sent):
    instance = _instance()
    _built(instance)
    instances_api.start_task(instance.id, T.RESIZING, None)
    with mock.patch('trove.taskmanager.flows.power_cycle.run',
                    autospec=True, return_value=True):
        tm = manager.TaskManager(doubles.compute_driver())
        tm.resize_flavor(None, instance.id, '3')
    event, message = sent()[-1]
    assert event == 'trove.instance.modify_flavor'
    assert message['payload']['instance_type'] == 'db.medium'
    assert message['payload']['old_instance_size'] == 512
    assert 'modify_at' in message['payload']


def test_modify_volume_is_sent_after_a_resize(sent):
    instance = _instance()
    with mock.patch('trove.taskmanager.flows.power_cycle.run',
                    autospec=True, return_value=True):
        tm = manager.TaskManager(doubles.compute_driver())
        tm.resize_volume(None, instance.id, 5)
    event, message = sent()[-1]
    assert event == 'trove.instance.modify_volume'
    assert message['payload']['old_volume_size'] == 3


def test_exists_is_sent_for_every_running_instance(sent):
    running = _instance(name='running')
    _built(running)
    stopped = _instance(name='stopped')
    _built(stopped)
    instances_api.start_task(stopped.id, T.STOPPED, None)
    _instance(name='building')  # no server yet
    _impl_test.reset()
    exists.ExistsNotifier()()
    [(event, message)] = sent()
    assert event == 'trove.instance.exists'
    payload = message['payload']
    assert payload['instance_id'] == running.id
    assert payload['audit_period_beginning'] < payload['audit_period_ending']


def test_nothing_is_built_or_sent_without_a_driver(control_db):
    _reset()
    instance = _instance()
    with mock.patch.object(notification, 'payload') as payload:
        notification.notify(None, 'create', instance)
        exists.ExistsNotifier()()
    payload.assert_not_called()
    assert _impl_test.NOTIFICATIONS == []


def test_a_failing_notification_never_fails_the_operation(sent):
    instance = _instance()
    with mock.patch.object(notification, 'payload',
                           side_effect=RuntimeError('bad flavor')):
        notification.notify(None, 'create', instance)
    assert sent() == []
