"""nova-compute with the test cloud's virt driver (TROVE_COMPUTE=nova).

Nova 34 loads compute_driver only from below nova.virt ("nova.virt." is
prepended to the option): the project's driver, which lives in its tests
tree, is registered as nova.virt.trove_test_cloud before nova-compute's
own main() runs, so that nova.conf can say
``compute_driver = trove_test_cloud.TestCloudDriver``. Run with Nova's
python and the project's tree on PYTHONPATH.
"""
import sys

from nova.cmd import compute  # first: it sets up Nova's monkey patching

import nova.virt  # noqa: E402
from trove.tests.cloud import virt_driver  # noqa: E402

sys.modules['nova.virt.trove_test_cloud'] = virt_driver
nova.virt.trove_test_cloud = virt_driver

if __name__ == '__main__':
    sys.argv[0] = 'nova-compute'
    sys.exit(compute.main())
