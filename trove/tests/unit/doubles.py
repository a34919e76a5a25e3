"""Test doubles shared by the unit tests.

They are autospecced, so that a call to a method the real class no longer
has, or with arguments it does not take, fails the test that makes it.
"""

from unittest import mock

from trove.compute import base as compute_base


def compute_driver(power_state=None, servers=()):
    """A compute driver that records calls; ``power_state`` and
    ``list_servers`` answer what a test needs them to."""
    driver = mock.create_autospec(compute_base.ComputeDriver, instance=True)
    driver.power_state.return_value = power_state
    driver.list_servers.return_value = list(servers)
    return driver
