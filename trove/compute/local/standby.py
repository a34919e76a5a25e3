"""Guest agents forked from a warm process (trove.cmd.guest_standby).

The taskmanager keeps that process, with the agent's libraries imported,
while it runs; a new server asks it to fork its agent instead of starting
a Python process that imports them all again (about 0.4 s of CPU each,
which in a wave of creates queues them all). When it is disabled, or
found dead by an order (it is started again for the next one), the agent
is started the ordinary way. Only the default agent command has this
form.
"""
import json
import os
import select
import subprocess
import sys
import threading

from oslo_log import log as logging

from trove.conf import CONF

LOG = logging.getLogger(__name__)

# How long a fork may take to be answered before the standby is taken for
# hung (it answers in milliseconds once its imports are done).
ANSWER_TIMEOUT = 30

_lock = threading.Lock()
_standby = None
_enabled = False


def keep_ready():
    """Start the standby (the taskmanager, at its start)."""
    global _enabled
    if CONF.local_compute.guestagent_command or \
            not CONF.local_compute.standby_agent:
        return
    with _lock:
        _enabled = True
        _ensure_started()


def _ensure_started():
    global _standby
    if _standby is not None and _standby.poll() is None:
        return
    try:
        _standby = subprocess.Popen(
            [sys.executable, '-m', 'trove.cmd.guest_standby'],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True,
            start_new_session=True, cwd='/')
    except OSError:
        LOG.exception('Could not start the standby guest agent')
        _standby = None


def spawn(argv, cwd, env, log, cgroup_procs):
    """The pid of a new agent forked as if started with ``argv``, or None
    (start it the ordinary way then)."""
    order = json.dumps({'argv': argv, 'cwd': cwd, 'env': env, 'log': log,
                        'cgroup_procs': cgroup_procs}).encode() + b'\n'
    with _lock:
        if not _enabled:
            return None
        _ensure_started()
        if _standby is None:
            return None
        try:
            _standby.stdin.write(order)
            _standby.stdin.flush()
            return _read_pid(_standby.stdout.fileno())
        except (OSError, ValueError) as error:
            LOG.warning('The standby guest agent failed (%s); starting '
                        'another.', error)
            _stop(_standby)
            _ensure_started()
            return None


def _read_pid(fd):
    # poll, not select: select() refuses descriptors above 1023, which a
    # long-running taskmanager (or a test process) can well be holding.
    waiting = select.poll()
    waiting.register(fd, select.POLLIN)
    answer = b''
    while not answer.endswith(b'\n'):
        if not waiting.poll(ANSWER_TIMEOUT * 1000):
            raise OSError('no answer in %ss' % ANSWER_TIMEOUT)
        chunk = os.read(fd, 64)
        if not chunk:
            raise OSError('it exited')
        answer += chunk
    return int(answer)


def _stop(standby):
    try:
        standby.stdin.close()
    except OSError:
        pass
    try:
        standby.wait(10)
    except subprocess.TimeoutExpired:
        standby.kill()
        standby.wait()


def stop_all():
    """Let the standby go (the taskmanager, as it stops); the agents it
    forked go on."""
    global _enabled, _standby
    with _lock:
        _enabled = False
        if _standby is not None:
            _stop(_standby)
        _standby = None


def standby_pid():
    with _lock:
        return _standby.pid if _standby is not None else None
