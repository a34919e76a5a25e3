"""Polling the cloud until a server or volume gets where it should, with a
deadline: a taskmanager thread never waits on Nova or Cinder forever.

(trove/tests/functional/waiters.py is the tests' own; this one raises the
compute error a workflow turns into the instance's fault.)
"""
import time

from trove.common import exception
from trove.conf import CONF


def wait_for(poll, what, timeout, interval=None):
    """Call ``poll()`` until it returns something true, and return that.

    ``poll`` raises (ComputeError, say) to stop waiting at once, when what
    it sees can no longer turn out well (a server in ERROR).
    """
    interval = CONF.nova_compute.poll_interval if interval is None \
        else interval
    deadline = time.monotonic() + timeout
    while True:
        result = poll()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise exception.ComputeError(
                reason='%s did not happen within %d seconds'
                % (what, timeout))
        time.sleep(interval)
