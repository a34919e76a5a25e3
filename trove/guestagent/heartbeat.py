"""Periodic status reports from a guest to the conductor."""
import os
import threading

from oslo_log import log as logging

from trove.common import context as trove_context
from trove.conductor import rpcapi as conductor_rpcapi
from trove.guestagent.datastores.common import clock

LOG = logging.getLogger(__name__)


class Heartbeat(threading.Thread):
    """Casts ``status()`` to the conductor every ``interval`` seconds, and at
    once after ``beat_now()``.

    Only this thread sends heartbeats, and it reads the status just before
    sending, so a report is never older than the one before it. The
    timestamp is taken before the status is read: the conductor orders
    reports by it, and so a slow status read can never let a stale report
    overtake a newer one.
    """

    def __init__(self, instance_id, status, interval, conductor=None,
                 volume_path=None):
        super().__init__(name='heartbeat', daemon=True)
        self.instance_id = instance_id
        self._status = status
        self._interval = interval
        self._conductor = conductor
        self._volume_path = volume_path
        self._wake = threading.Event()
        self._stopping = threading.Event()

    def beat_now(self):
        self._wake.set()

    def stop(self, timeout=5):
        self._stopping.set()
        self._wake.set()
        if self.is_alive():
            self.join(timeout)

    def run(self):
        while not self._stopping.is_set():
            self._wake.clear()
            self.beat()
            self._wake.wait(self._interval)

    def beat(self):
        # Never let a failure end the thread: a guest that stops reporting
        # is declared lost, which is worse than one late report.
        try:
            sent = clock.timestamp()
            status = self._status()
            if self._conductor is None:
                self._conductor = conductor_rpcapi.ConductorAPI()
            self._conductor.heartbeat(trove_context.admin_context(),
                                      self.instance_id, status, sent,
                                      volume=volume_usage(self._volume_path))
            LOG.debug('Heartbeat: %s', status)
        except Exception:
            LOG.warning('Heartbeat failed, retrying in %ss', self._interval,
                        exc_info=True)


def volume_usage(path):
    """{'used', 'size'} in bytes of the filesystem holding ``path`` (one
    statvfs: cheap enough for every heartbeat), or None if there is none
    yet. As df counts it: used excludes the blocks reserved for root."""
    if not path:
        return None
    try:
        stat = os.statvfs(path)
    except OSError:
        return None
    size = stat.f_blocks * stat.f_frsize
    used = (stat.f_blocks - stat.f_bfree) * stat.f_frsize
    return {'used': used, 'size': size}
