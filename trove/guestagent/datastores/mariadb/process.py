"""The mariadbd process: start it detached, find it again, stop it.

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

from trove.guestagent import exception
from trove.guestagent.datastores.mariadb import layout as mariadb_layout

LOG = logging.getLogger(__name__)

BINARY = 'mariadbd'
START_TIMEOUT = 120
STOP_TIMEOUT = 120
POLL_INTERVAL = 0.02
# Children of this agent: kept so that they are reaped (a dead but unreaped
# child still looks alive to psutil).
_children = {}


class EngineError(exception.GuestError):
    """The engine failed; the message quotes its error log."""


def error_log_tail(layout, lines=3):
    try:
        with open(layout.error_log, 'rb') as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 8192))
            text = f.read().decode('utf-8', 'replace')
    except OSError:
        return ''
    return ' | '.join(line.strip() for line in text.splitlines()[-lines:])


def find(layout):
    """The running engine as a psutil.Process, or None."""
    try:
        with open(layout.process_record) as f:
            record = json.load(f)
        child = _children.get(record['pid'])
        if child is not None and child.poll() is not None:
            del _children[record['pid']]     # exited, and now reaped
            return None
        proc = psutil.Process(record['pid'])
        same = abs(proc.create_time() - record['create_time']) < 0.01
        if same and proc.status() != psutil.STATUS_ZOMBIE:
            return proc
    except (OSError, ValueError, KeyError, psutil.Error):
        pass
    return None


def start(layout):
    """Start mariadbd in its own session, so that stopping or restarting
    the agent never takes the engine down with it."""
    command = [BINARY, '--defaults-file=%s' % layout.config_file,
               '--user=%s' % mariadb_layout.ENGINE_USER]
    # What mariadbd prints before it opens its log goes there as well; the
    # engine, once it runs as mysql, reopens the same file.
    with open(layout.error_log, 'ab') as log:
        os.chown(layout.error_log, *mariadb_layout.engine_ids())
        child = subprocess.Popen(
            command, start_new_session=True, close_fds=True, cwd='/',
            stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    _children[child.pid] = child
    record = {'pid': child.pid,
              'create_time': psutil.Process(child.pid).create_time()}
    tmp = layout.process_record + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(record, f)
    os.replace(tmp, layout.process_record)
    LOG.info('Started mariadbd, pid %d', child.pid)
    return child


def wait_ready(layout, child, ready, timeout=START_TIMEOUT):
    """Poll ``ready(layout)`` until true; fail fast if the engine exits."""
    deadline = time.monotonic() + timeout
    while not ready(layout):
        if child.poll() is not None:
            raise EngineError('MariaDB failed to start (exit code %s): %s' % (
                child.returncode, error_log_tail(layout)))
        if time.monotonic() > deadline:
            raise EngineError('MariaDB did not accept connections within '
                              '%ss: %s' % (timeout, error_log_tail(layout)))
        time.sleep(POLL_INTERVAL)


def stop(layout, timeout=STOP_TIMEOUT):
    """SIGTERM is mariadbd's clean shutdown (what mysqladmin shutdown
    does); escalate to SIGKILL only if it hangs, InnoDB recovers."""
    proc = find(layout)
    if proc is None:
        return False
    LOG.info('Stopping mariadbd, pid %d', proc.pid)
    proc.send_signal(signal.SIGTERM)
    if not _wait_gone(proc, timeout):
        LOG.warning('mariadbd pid %d ignored SIGTERM for %ss, killing it',
                    proc.pid, timeout)
        proc.kill()
        _wait_gone(proc, 10)
    return True


def kill(layout):
    """Immediate stop, for a failed prepare that is about to start over."""
    proc = find(layout)
    if proc is not None:
        proc.kill()
        _wait_gone(proc, 10)


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
