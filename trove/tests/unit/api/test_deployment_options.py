"""Options the deployment cannot honour are refused (400), not ignored;
what a driver honours is data the API reads without loading the driver."""
from unittest import mock

import pytest
from stevedore import driver as stevedore_driver

from trove.compute import capabilities
from trove.conf import CONF
from trove.db.api import instances as instances_db
from trove.tests.unit.api.conftest import create_body
from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault


def _refused(api, taskmanager, **overrides):
    response = api.post_json(url('/instances'), create_body(**overrides),
                             expect_errors=True)
    message = assert_fault(response, 400, 'badRequest')
    assert not taskmanager.create_instance.called
    assert api.get(url('/instances')).json['instances'] == []
    return message


@pytest.mark.parametrize('overrides,option', [
    ({'access': {'is_public': True}}, 'access'),
    ({'access': {'allowed_cidrs': ['10.0.0.0/8']}}, 'access'),
    ({'nics': [{'net-id': 'some-network'}]}, 'nics'),
    ({'volume': {'size': 1, 'type': 'ssd'}}, 'volume.type'),
])
def test_the_local_driver_refuses_what_it_cannot_honour(api, taskmanager,
                                                        overrides, option):
    message = _refused(api, taskmanager, **overrides)
    assert "'%s' cannot be honoured" % option in message
    assert '(local)' in message


def test_what_the_cli_sends_by_default_is_accepted(api, taskmanager):
    # openstack database instance create sends these on every create.
    api.post_json(url('/instances'), create_body(
        access={'is_public': False}, volume={'size': 1, 'type': None}))
    assert taskmanager.create_instance.called


def test_a_driver_that_honours_options_still_refuses_unknown_volume_types(
        api, taskmanager):
    with mock.patch.dict(capabilities.HONOURED_OPTIONS,
                         {'local': capabilities.ALL}):
        message = _refused(api, taskmanager,
                           volume={'size': 1, 'type': 'no-such-type'})
        assert "Volume type 'no-such-type' is not offered" in message
        api.post_json(url('/instances'), create_body(
            access={'is_public': True}, nics=[{'net-id': 'n'}]))
    assert taskmanager.create_instance.called


@pytest.mark.parametrize('name', sorted(capabilities.HONOURED_OPTIONS))
def test_declared_capabilities_match_each_drivers_class(name):
    # Tests may load drivers; the API only reads the table.
    cls = stevedore_driver.DriverManager('trove.compute.drivers', name,
                                         invoke_on_load=False).driver
    assert cls.honoured_options == capabilities.HONOURED_OPTIONS[name]
    assert cls.honoured_options <= capabilities.ALL


def test_every_driver_has_declared_capabilities():
    names = stevedore_driver.ExtensionManager(
        'trove.compute.drivers').names()
    assert set(names) == set(capabilities.HONOURED_OPTIONS)


def test_the_nova_driver_takes_networks_and_cidrs_and_they_are_recorded(
        api, taskmanager):
    CONF.set_override('driver', 'nova', group='compute')
    try:
        response = api.post_json(url('/instances'), create_body(
            access={'is_public': False, 'allowed_cidrs': ['192.0.2.0/24']},
            nics=[{'net-id': 'user-net'}]))
    finally:
        CONF.clear_override('driver', group='compute')
    instance_id = response.json['instance']['id']
    recorded = instances_db.network_request(
        instances_db.get_instance(None, instance_id))
    assert recorded == {'nics': [{'net-id': 'user-net'}],
                        'allowed_cidrs': ['192.0.2.0/24']}
