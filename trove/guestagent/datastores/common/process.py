"""An engine process: start it detached, find it again, stop it.

The agent records the pid together with the process start time: pids wrap,
and after a host reboot a stale pid may name an unrelated process.
"""
import json
import os
import signal
import subprocess
import time

from oslo_log import log as logging
import psutil

from trove.guestagent.datastores.common import clock
from trove.guestagent.datastores.common.layout import engine_ids
from trove.guestagent import exception

LOG = logging.getLogger(__name__)

START_TIMEOUT = 120
STOP_TIMEOUT = 120
# Engines answer within tens of milliseconds of opening their socket: a
# coarse poll would be most of the start time.
POLL_INTERVAL = 0.02
# Children of this agent: kept so that they are reaped (a dead but unreaped
# child still looks alive to psutil).
_children = {}


class EngineError(exception.GuestError):
    """The engine failed; the message quotes its error log."""


def error_log_tail(path, lines=3):
    try:
        with open(path, 'rb') as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 8192))
            text = f.read().decode('utf-8', 'replace')
    except OSError:
        return ''
    return ' | '.join(line.strip() for line in text.splitlines()[-lines:])


class EngineProcess(object):
    """One engine of one instance.

    ``record`` is the agent's pid + start time file (root-owned, out of the
    engine user's reach); ``log`` is where the engine's early output goes;
    ``user`` the engine's system user; ``stop_signal`` the engine's clean
    and prompt shutdown.
    """

    def __init__(self, name, record, log, user, stop_signal=signal.SIGTERM):
        self.name = name
        self.record = record
        self.log = log
        self.user = user
        self.stop_signal = stop_signal

    def error_log_tail(self, lines=3):
        return error_log_tail(self.log, lines)

    def find(self):
        """The running engine as a psutil.Process, or None."""
        try:
            with open(self.record) as f:
                record = json.load(f)
            child = _children.get(record['pid'])
            if child is not None and child.poll() is not None:
                del _children[record['pid']]     # exited, and now reaped
                return None
            proc = psutil.Process(record['pid'])
            same = abs(proc.create_time() - record['create_time']) < 0.01
            if same and proc.status() != psutil.STATUS_ZOMBIE:
                return proc
        except (OSError, ValueError, KeyError, TypeError, psutil.Error):
            pass
        return None

    def start(self, command, switch_user=True):
        """Start ``command`` in its own session, so that stopping or
        restarting the agent never takes the engine down with it. As the
        engine's user, unless the engine drops privileges itself
        (``switch_user=False``)."""
        # What the engine prints before it opens its log goes there as
        # well; the engine, once it runs as its user, reopens the file.
        with open(self.log, 'ab') as log:
            os.chown(self.log, *engine_ids(self.user))
            child = subprocess.Popen(
                command, start_new_session=True, close_fds=True, cwd='/',
                stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                **as_user(self.user if switch_user else None))
        _children[child.pid] = child
        record = {'pid': child.pid,
                  'create_time': psutil.Process(child.pid).create_time()}
        tmp = self.record + '.tmp'
        with open(tmp, 'w') as f:
            json.dump(record, f)
        os.replace(tmp, self.record)
        LOG.info('Started %s, pid %d', self.name, child.pid)
        return child

    def wait_ready(self, child, ready, timeout=START_TIMEOUT):
        """Poll ``ready()`` until true; fail fast if the engine exits."""
        deadline = clock.monotonic() + timeout
        while not ready():
            if child.poll() is not None:
                raise EngineError('%s failed to start (exit code %s): %s' % (
                    self.name, child.returncode, self.error_log_tail()))
            if clock.monotonic() > deadline:
                raise EngineError(
                    '%s did not accept connections within %ss: %s' % (
                        self.name, timeout, self.error_log_tail()))
            time.sleep(POLL_INTERVAL)

    def stop(self, timeout=STOP_TIMEOUT):
        """The engine's clean shutdown; SIGKILL only if it hangs (every
        engine here recovers from its log)."""
        proc = self.find()
        if proc is None:
            return False
        LOG.info('Stopping %s, pid %d', self.name, proc.pid)
        proc.send_signal(self.stop_signal)
        if not _wait_gone(proc, timeout):
            LOG.warning('%s pid %d did not stop within %ss, killing it',
                        self.name, proc.pid, timeout)
            proc.kill()
            _wait_gone(proc, 10)
        return True

    def kill(self):
        """Immediate stop, for a failed prepare that is about to start over.
        Its children too: PostgreSQL's backends outlive a killed postmaster
        for a moment, holding its shared memory and files."""
        proc = self.find()
        if proc is None:
            return
        try:
            children = proc.children(recursive=True)
        except psutil.Error:
            children = []
        for each in [proc] + children:
            try:
                each.kill()
            except psutil.Error:
                pass
        _wait_gone(proc, 10)
        psutil.wait_procs(children, timeout=10)


def as_user(user):
    """Popen arguments that run a child as the system ``user``, with no
    supplementary groups (root's must not leak to the engine). Nothing for
    an agent that already runs as its instance's user."""
    if user is None or os.geteuid() != 0:
        return {}
    return dict(user=user, group=engine_ids(user)[1], extra_groups=[])


def _wait_gone(proc, timeout):
    child = _children.pop(proc.pid, None)
    try:
        if child is not None:
            child.wait(timeout)
        else:
            proc.wait(timeout)
        return True
    except (subprocess.TimeoutExpired, psutil.TimeoutExpired):
        if child is not None:
            _children[proc.pid] = child
        return False
    except psutil.NoSuchProcess:
        return True


def run(command, user=None, timeout=300):
    """Run a one-off tool (initdb) to completion, as ``user`` if given;
    returns (exit code, output)."""
    result = subprocess.run(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, timeout=timeout, cwd='/', **as_user(user))
    return result.returncode, result.stdout.decode('utf-8', 'replace').strip()
