import pytest

from trove.tests.functional import deployment as deployment_module


@pytest.fixture(scope='session')
def deployment():
    running = deployment_module.Deployment()
    try:
        running.start()
        yield running
    finally:
        running.stop()
        running.remove()


@pytest.fixture(scope='session')
def trove(deployment):
    return deployment.client()


@pytest.fixture(scope='session')
def keystone_deployment():
    """One Keystone-mode deployment shared by the test_keystone_* files."""
    from trove.tests.functional import keystone_deployment as module
    running = module.KeystoneDeployment()
    try:
        running.start()
        yield running
    finally:
        running.stop()
        running.remove()
