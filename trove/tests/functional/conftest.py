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
