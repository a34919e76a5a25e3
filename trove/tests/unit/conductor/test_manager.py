import datetime

from oslo_utils import timeutils

from trove.db.api import datastores as ds_api
from trove.db.api import instances as instances_api
from trove.instance import keys
from trove.instance.status import ServiceStatus as S
from trove.instance.status import Task as T
from trove.tests.unit.conductor import signed


def _instance():
    ds_api.upsert_datastore('mariadb')
    version = ds_api.upsert_version('mariadb', '10.11', 'mariadb')
    return instances_api.create_instance(
        'proj', 'db1', '2', 1, version.id, keys.new_encrypted_key()[1],
        timeutils.utcnow() + datetime.timedelta(seconds=60))


def test_healthy_heartbeat_ends_the_build(control_db):
    instance = _instance()
    signed.AsGuest().heartbeat(None, instance.id, S.HEALTHY, 10.0)
    found = instances_api.get_instance('proj', instance.id)
    assert found.task_status == T.NONE
    assert found.service_status.status == S.HEALTHY


def test_out_of_order_heartbeat_is_dropped(control_db):
    instance = _instance()
    conductor = signed.AsGuest()
    conductor.heartbeat(None, instance.id, S.SHUTDOWN, 20.0)
    conductor.heartbeat(None, instance.id, S.HEALTHY, 10.0)
    found = instances_api.get_instance('proj', instance.id)
    assert found.service_status.status == S.SHUTDOWN


def test_failed_prepare_fails_the_build_with_a_fault(control_db):
    instance = _instance()
    conductor = signed.AsGuest()
    conductor.report_fault(None, instance.id, 'MariaDB failed to start',
                           'trace', 1.0)
    conductor.heartbeat(None, instance.id, S.FAILED, 2.0)
    found = instances_api.get_instance('proj', instance.id)
    assert found.task_status == T.BUILDING_ERROR
    assert found.faults[0].message == 'MariaDB failed to start'


def test_unknown_status_is_ignored(control_db):
    instance = _instance()
    signed.AsGuest().heartbeat(None, instance.id, 'BOGUS', 1.0)
    found = instances_api.get_instance('proj', instance.id)
    assert found.service_status.status == S.NEW
