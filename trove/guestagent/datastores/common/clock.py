"""The guest's one clock.

Two kinds of time, each read in one place: wall-clock timestamps for what
is compared with other hosts' clocks (the times of heartbeats and faults
the conductor orders by, the deadline of a backup the taskmanager set),
and a monotonic clock for durations and local timeouts, which a step of
the wall clock (NTP at boot) must not stretch or cut short.
"""
import time


def timestamp():
    """Seconds since the epoch, comparable with the control plane's."""
    return time.time()


def monotonic():
    """Seconds of a clock that never steps: only differences mean
    anything."""
    return time.monotonic()


def past(deadline):
    """True once the wall-clock ``deadline`` (None: none) has passed."""
    return deadline is not None and timestamp() > deadline


def remaining(deadline):
    """Seconds left until the wall-clock ``deadline``, at least 0."""
    return max(0.0, deadline - timestamp())


class Laps(object):
    """Laps of a multi-step operation, into a dict of seconds."""

    def __init__(self, laps):
        self._laps = laps
        self._last = monotonic()

    def lap(self, name):
        now = monotonic()
        self._laps[name] = now - self._last
        self._last = now
