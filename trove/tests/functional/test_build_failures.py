"""A build that cannot succeed ends in ERROR with a readable fault, fast,
and deleting it cleans everything up."""
import os
import subprocess
import time

import pytest

from trove.tests.functional import deployment as deployment_module
from trove.tests.functional import waiters


@pytest.fixture(scope='module')
def broken_version(deployment):
    """A version whose guest has no such engine."""
    subprocess.run(
        [os.path.join(deployment_module.VENV_BIN, 'trove-manage'),
         '--config-file', deployment.config_file, 'datastore_version_update',
         'mariadb', 'broken-test', 'no-such-engine', '', '', '1'],
        check=True, capture_output=True)
    yield 'broken-test'
    subprocess.run(
        [os.path.join(deployment_module.VENV_BIN, 'trove-manage'),
         '--config-file', deployment.config_file, 'datastore_version_update',
         'mariadb', 'broken-test', 'no-such-engine', '', '', '0'],
        check=True, capture_output=True)


def test_guest_that_cannot_start_gives_error_with_fault(deployment, trove,
                                                        broken_version):
    started = time.monotonic()
    instance = trove.instances.create(
        'doomed', '1', volume={'size': 1}, datastore='mariadb',
        datastore_version=broken_version)
    failed = waiters.wait_for_status(trove, instance.id, ['ERROR', 'ACTIVE'],
                                     timeout=60)
    assert failed.status == 'ERROR'
    assert time.monotonic() - started < 30
    assert 'no-such-engine' in failed.fault['message']

    trove.instances.delete(instance.id)
    waiters.wait_until_gone(trove, instance.id)
    assert not os.path.exists(os.path.join(deployment.state_dir, 'instances',
                                           instance.id))
