import contextlib

import pytest

from trove.tests.functional import cloud_deployment as cloud_module
from trove.tests.functional import deployment as deployment_module
from trove.tests.functional import keystone_deployment as keystone_module


@contextlib.contextmanager
def _running(deployment):
    """Started through the quickstart; stopped and removed afterwards,
    whatever the tests did."""
    try:
        deployment.start()
        yield deployment
    finally:
        deployment.stop()
        deployment.remove()


@pytest.fixture(scope='session')
def deployment():
    with _running(deployment_module.Deployment()) as running:
        yield running


@pytest.fixture(scope='session')
def trove(deployment):
    return deployment.client()


@pytest.fixture(scope='session')
def keystone_deployment():
    """One Keystone-mode deployment shared by the test_keystone_* files."""
    with _running(keystone_module.KeystoneDeployment()) as running:
        yield running


@pytest.fixture(scope='session')
def cloud_deployment():
    """One TROVE_COMPUTE=nova deployment (the test cloud) per session."""
    with _running(cloud_module.CloudDeployment()) as running:
        yield running
