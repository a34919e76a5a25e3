import pytest

from trove.instance import status
from trove.instance.status import ServiceStatus as S
from trove.instance.status import Task as T


@pytest.mark.parametrize('task,service,expected', [
    (T.BUILDING, S.NEW, 'BUILD'),
    (T.BUILDING, S.BUILD, 'BUILD'),
    (T.BUILDING, S.FAILED, 'ERROR'),
    (T.BUILDING_ERROR, S.BUILD, 'ERROR'),
    (T.NONE, S.HEALTHY, 'ACTIVE'),
    (T.NONE, S.RUNNING, 'ACTIVE'),
    (T.NONE, S.SHUTDOWN, 'SHUTDOWN'),
    (T.NONE, S.LOST, 'ERROR'),
    (T.DELETING, S.HEALTHY, 'SHUTDOWN'),
    (T.REBOOTING, S.HEALTHY, 'REBOOT'),
    (T.RESIZING, S.HEALTHY, 'RESIZE'),
])
def test_instance_status(task, service, expected):
    assert status.instance_status(task, service) == expected


def test_silent_guest_is_lost():
    assert status.effective_service_status(S.HEALTHY, 31, 30) == S.LOST
    assert status.effective_service_status(S.HEALTHY, 29, 30) == S.HEALTHY


def test_new_instance_is_not_lost_before_its_first_heartbeat():
    assert status.effective_service_status(S.NEW, 1000, 30) == S.NEW


def test_operating_status():
    assert status.operating_status(S.HEALTHY) == 'HEALTHY'
    assert status.operating_status(S.LOST) == 'ERROR'
