"""Guest agents started ahead of need (trove.cmd.guest_standby).

The taskmanager keeps ``[local_compute] standby_agents`` of them ready; a
new server takes one and tells it whom to become, instead of waiting for
a new Python process to import the agent's libraries. A server finds none
ready (all taken by concurrent creates, or disabled) and starts its agent
the ordinary way. Only the default agent command has a standby form.
"""
import json
import subprocess
import sys
import threading

from oslo_log import log as logging

from trove.conf import CONF

LOG = logging.getLogger(__name__)

_lock = threading.Lock()
_ready = []
_enabled = False


def keep_ready():
    """Start keeping standbys (the taskmanager, at its start)."""
    global _enabled
    if CONF.local_compute.guestagent_command:
        return
    _enabled = CONF.local_compute.standby_agents > 0
    _refill()


def _spawn():
    return subprocess.Popen(
        [sys.executable, '-m', 'trove.cmd.guest_standby'],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, close_fds=True,
        start_new_session=True, cwd='/')


def _refill():
    with _lock:
        _ready[:] = [child for child in _ready if child.poll() is None]
        missing = CONF.local_compute.standby_agents - len(_ready) \
            if _enabled else 0
        for _ in range(missing):
            try:
                _ready.append(_spawn())
            except OSError:
                LOG.exception('Could not start a standby guest agent')
                return


def take():
    """A ready standby (subprocess.Popen), or None."""
    child = None
    with _lock:
        while _ready and child is None:
            candidate = _ready.pop(0)
            if candidate.poll() is None:
                child = candidate
    if _enabled:
        # Replace it in the background: the caller is building a server.
        threading.Thread(target=_refill, name='standby-refill',
                         daemon=True).start()
    return child


def hand_over(child, argv, cwd, env, log, cgroup_procs):
    """Make the standby ``child`` the agent started as ``argv``; False if
    it died meanwhile (start one the ordinary way then)."""
    order = json.dumps({'argv': argv, 'cwd': cwd, 'env': env, 'log': log,
                        'cgroup_procs': cgroup_procs}).encode() + b'\n'
    try:
        child.stdin.write(order)
        child.stdin.close()
    except OSError:
        child.poll()
        return False
    return child.poll() is None


def stop_all():
    """Let the ready standbys go (they exit when their stdin closes)."""
    global _enabled
    with _lock:
        _enabled = False
        for child in _ready:
            try:
                child.stdin.close()
            except OSError:
                pass
            child.wait()
        del _ready[:]


def ready_pids():
    with _lock:
        return [child.pid for child in _ready]
