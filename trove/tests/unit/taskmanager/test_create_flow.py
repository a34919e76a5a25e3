"""The create workflow undoes what it did when a step fails, and the
per-instance lock table keeps no entry once a workflow is over."""
import datetime
import json
from unittest import mock

from oslo_utils import timeutils
import pytest

from trove.common import crypto
from trove.compute import base as compute_base
from trove.db.api import datastores as ds_api
from trove.db.api import flavors as flavors_api
from trove.db.api import instances as instances_api
from trove.guestagent import rpcapi as guest_rpcapi
from trove.instance import keys
from trove.instance.status import Task as T
from trove.taskmanager.flows import create_instance
from trove.taskmanager.flows import guest_config


@pytest.fixture
def building(control_db):
    ds_api.upsert_datastore('mariadb')
    version = ds_api.upsert_version('mariadb', '10.11', 'mariadb')
    flavors_api.upsert_flavor('2', 'db.small', 512, 1)
    key, encrypted_key = keys.new_encrypted_key()
    instance = instances_api.create_instance(
        'proj', 'db1', '2', 1, version.id, encrypted_key,
        timeutils.utcnow() + datetime.timedelta(seconds=60))
    return instance, crypto.encrypt(key, json.dumps([]))


@pytest.fixture
def driver():
    driver = mock.create_autospec(compute_base.ComputeDriver, instance=True)
    driver.create_server.return_value = compute_base.Server(
        'srv-1', '127.77.0.3',
        addresses=[{'address': '127.77.0.3', 'type': 'private',
                    'network': 'local'}], host={'host': 'h1'})
    return driver


@pytest.fixture
def guest():
    # The guest's config file is built elsewhere (test_guest_conf).
    with mock.patch.object(guest_rpcapi, 'GuestAPI', autospec=True) as cls, \
            mock.patch.object(guest_config, 'build', autospec=True,
                              return_value={}):
        yield cls.return_value


def test_failed_prepare_removes_the_server_before_error(building, driver,
                                                        guest):
    instance, users = building
    guest.prepare.side_effect = RuntimeError('no reply from the guest')
    create_instance.run(driver, None, instance.id, [], users)
    driver.delete_server.assert_called_once_with(instance.id)
    found = instances_api.get_instance('proj', instance.id)
    assert found.task_status == T.BUILDING_ERROR
    assert 'no reply from the guest' in found.faults[0].message
    assert (found.compute_id, found.address) == (None, None)
    assert instances_api.server_addresses(found) is None


def test_server_that_cannot_be_removed_stays_recorded(building, driver,
                                                      guest):
    instance, users = building
    guest.prepare.side_effect = RuntimeError('no reply')
    driver.delete_server.side_effect = RuntimeError('busy')
    create_instance.run(driver, None, instance.id, [], users)
    found = instances_api.get_instance('proj', instance.id)
    # The user's delete finds it and removes it later.
    assert found.task_status == T.BUILDING_ERROR
    assert found.compute_id == 'srv-1'


def test_a_build_the_guest_ended_meanwhile_is_not_failed(building, driver):
    instance, _ = building
    instances_api.end_task(instance.id, T.BUILDING)
    create_instance.fail(instance.id, 'too late', driver=driver)
    driver.delete_server.assert_not_called()
    found = instances_api.get_instance('proj', instance.id)
    assert found.task_status == T.NONE and found.faults == []


def test_server_facts_are_recorded(building, driver, guest):
    instance, users = building
    create_instance.run(driver, None, instance.id, [], users)
    found = instances_api.get_instance('proj', instance.id)
    assert instances_api.server_addresses(found)[0]['network'] == 'local'
    assert instances_api.server_host(found) == {'host': 'h1'}
    driver.delete_server.assert_not_called()


def test_the_driver_is_told_what_places_the_server(control_db, driver,
                                                   guest):
    # What a cloud driver needs: the owner, the version's image tags, the
    # user's networks and who may reach the engine.
    ds_api.upsert_datastore('mariadb')
    version = ds_api.upsert_version('mariadb', '10.11', 'mariadb',
                                    image_tags=['trove', 'mariadb'])
    flavors_api.upsert_flavor('2', 'db.small', 512, 1)
    key, encrypted_key = keys.new_encrypted_key()
    instance = instances_api.create_instance(
        'proj', 'db1', '2', 1, version.id, encrypted_key,
        timeutils.utcnow() + datetime.timedelta(seconds=60),
        network_request={'nics': [{'net-id': 'user-net'}],
                         'allowed_cidrs': ['192.0.2.0/24']})
    create_instance.run(driver, None, instance.id, [],
                        crypto.encrypt(key, json.dumps([])))
    args, kwargs = driver.create_server.call_args
    assert args[1] == {'id': '2', 'ram': 512, 'vcpus': 1, 'disk': 0}
    request = kwargs['request']
    assert (request.project_id, request.datastore, request.image_id,
            request.image_tags) == ('proj', 'mariadb', None,
                                    ['trove', 'mariadb'])
    assert request.nics == [{'net-id': 'user-net'}]
    assert request.allowed_cidrs == ['192.0.2.0/24']
