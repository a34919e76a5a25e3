import datetime
from unittest import mock

from oslo_utils import timeutils
import pytest

from trove.common import exception
from trove.db.api import datastores as ds_api
from trove.db.api import flavors as flavors_api
from trove.db.api import instances as instances_api
from trove.instance import actions
from trove.instance.status import ServiceStatus as S
from trove.instance.status import Task as T


@pytest.fixture
def tm(control_db):
    with mock.patch('trove.taskmanager.rpcapi.TaskManagerAPI',
                    autospec=True) as api:
        yield api.return_value


def _active_instance():
    ds_api.upsert_datastore('mariadb')
    version = ds_api.upsert_version('mariadb', '10.11', 'mariadb')
    flavors_api.upsert_flavor('1', 'tiny', 256, 1)
    flavors_api.upsert_flavor('2', 'small', 512, 1)
    instance = instances_api.create_instance(
        'proj', 'db1', '1', 2, version.id, 'key',
        timeutils.utcnow() + datetime.timedelta(seconds=60))
    instances_api.update_service_status(instance.id, S.HEALTHY, 1.0)
    instances_api.end_task(instance.id, T.BUILDING)
    return instance


def _task(instance):
    return instances_api.get_instance('proj', instance.id).task_status


def test_restart_records_intent_then_casts(tm):
    instance = _active_instance()
    actions.restart(None, 'proj', instance.id)
    assert _task(instance) == T.REBOOTING
    tm.restart_instance.assert_called_once_with(None, instance.id)


def test_second_action_while_busy_is_422_and_not_cast(tm):
    instance = _active_instance()
    actions.restart(None, 'proj', instance.id)
    with pytest.raises(exception.InstanceNotActive) as error:
        actions.resize_volume(None, 'proj', instance.id, 5)
    assert error.value.code == 422
    assert 'REBOOT' in error.value.msg
    tm.resize_volume.assert_not_called()


def test_volume_can_only_grow(tm):
    instance = _active_instance()
    for size in (1, 2):
        with pytest.raises(exception.BadRequest):
            actions.resize_volume(None, 'proj', instance.id, size)
    assert _task(instance) == T.NONE
    tm.resize_volume.assert_not_called()


def test_resize_to_unknown_flavor_is_404(tm):
    instance = _active_instance()
    with pytest.raises(exception.FlavorNotFound):
        actions.resize_flavor(None, 'proj', instance.id, '99')
    assert _task(instance) == T.NONE


def test_resize_flavor_casts(tm):
    instance = _active_instance()
    actions.resize_flavor(None, 'proj', instance.id, '2')
    assert _task(instance) == T.RESIZING
    tm.resize_flavor.assert_called_once_with(None, instance.id, '2')


def test_other_project_cannot_act(tm):
    instance = _active_instance()
    with pytest.raises(exception.InstanceNotFound):
        actions.restart(None, 'other', instance.id)
