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


def test_heartbeat_stores_the_volume_usage(control_db):
    instance = _instance()
    conductor = signed.AsGuest()
    conductor.heartbeat(None, instance.id, S.HEALTHY, 10.0,
                        volume={'used': 3 * 2 ** 30, 'size': 10 * 2 ** 30})
    found = instances_api.get_instance('proj', instance.id).service_status
    assert (found.volume_used, found.volume_total) == (3 * 2 ** 30,
                                                       10 * 2 ** 30)
    # A heartbeat without a measurement keeps the last one.
    conductor.heartbeat(None, instance.id, S.HEALTHY, 11.0)
    found = instances_api.get_instance('proj', instance.id).service_status
    assert found.volume_used == 3 * 2 ** 30


def test_a_malformed_volume_is_ignored_the_status_kept(control_db):
    instance = _instance()
    signed.AsGuest().heartbeat(None, instance.id, S.HEALTHY, 10.0,
                               volume={'used': 'lots', 'size': -1})
    found = instances_api.get_instance('proj', instance.id).service_status
    assert found.status == S.HEALTHY
    assert found.volume_used is None
