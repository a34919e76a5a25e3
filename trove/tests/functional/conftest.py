import pytest

from trove.tests.functional import cloud_deployment as cloud_module
from trove.tests.functional import deployment as deployment_module
from trove.tests.functional import keystone_deployment as keystone_module


@pytest.fixture(scope='session')
def deployment():
    with deployment_module.Deployment().running() as running:
        yield running


@pytest.fixture(scope='session')
def trove(deployment):
    return deployment.client()


@pytest.fixture(scope='session')
def keystone_deployment():
    """One Keystone-mode deployment shared by the test_keystone_* files."""
    with keystone_module.KeystoneDeployment().running() as running:
        yield running


@pytest.fixture(scope='session')
def cloud_deployment():
    """One TROVE_COMPUTE=nova deployment (the test cloud) per session."""
    with cloud_module.CloudDeployment().running() as running:
        yield running
