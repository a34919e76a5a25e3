import pytest

from trove.compute.nova import driver as nova_driver
from trove.conf import CONF
from trove.tests.unit.compute.nova import fake_cloud

OVERRIDES = {
    'management_networks': [fake_cloud.MANAGEMENT_NET],
    'poll_interval': 0.01,
    'boot_timeout': 2,
    'operation_timeout': 2,
}


@pytest.fixture
def nova_options():
    for name, value in OVERRIDES.items():
        CONF.set_override(name, value, group='nova_compute')
    yield CONF.nova_compute
    for name in list(OVERRIDES) + ['volume_support', 'volume_type',
                                   'server_group_policy']:
        CONF.clear_override(name, group='nova_compute')


@pytest.fixture
def cloud(nova_options):
    found = fake_cloud.FakeCloud()
    found.add_image('image-old', ['trove', 'mariadb'],
                    '2026-01-01T00:00:00Z')
    found.add_image('image-new', ['trove', 'mariadb'],
                    '2026-06-01T00:00:00Z')
    found.add_image('image-other', ['trove', 'redis'],
                    '2026-09-01T00:00:00Z')
    return found


@pytest.fixture
def driver(cloud):
    return nova_driver.NovaComputeDriver(clients=cloud)
