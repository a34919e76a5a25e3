"""Pid files, process identity and termination.

A pid alone does not name a process: pids wrap and get reused. Our pid
files record the process's start time beside its pid, and a process only
counts as the recorded one if both match.
"""
import os
import signal
import time

from oslo_log import log as logging
import psutil

LOG = logging.getLogger(__name__)

# psutil derives create_time from clock ticks since boot (1/100 s); this
# only absorbs the rounding of writing it out as text.
_START_TIME_TOLERANCE = 0.005
# Engines write bare pids; a process born this long after its pid file
# was last written cannot be the one that wrote it.
_PID_FILE_SLACK = 2.0


def write_pid_file(path, pid):
    """Record ``pid`` and its start time; returns the psutil.Process."""
    process = psutil.Process(pid)
    draft = path + '.draft'
    with open(draft, 'w') as pid_file:
        pid_file.write('%d %r\n' % (pid, process.create_time()))
    os.replace(draft, path)
    return process


def read_pid_file(path):
    """(pid, start time or None) from our pid files or an engine's."""
    try:
        # Not through a link: an instance's user owns the directories its
        # engine's pid files are in, and could point one at a root-owned
        # pid file of the host's (see _may_name).
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd) as pid_file:
            fields = pid_file.read().split()
        pid = int(fields[0])
        started = float(fields[1]) if len(fields) > 1 else None
    except (OSError, ValueError, IndexError):
        return None, None
    return pid, started


def process_from_pid_file(path):
    """The live process the pid file names, or None."""
    pid, started = read_pid_file(path)
    if pid is None:
        return None
    process = live_process(pid)
    if process is None:
        return None
    try:
        written = os.lstat(path)
        if not _may_name(written.st_uid, process):
            return None
        if started is not None:
            if abs(process.create_time() - started) > _START_TIME_TOLERANCE:
                return None
        elif process.create_time() > written.st_mtime + _PID_FILE_SLACK:
            return None
    except (psutil.Error, OSError):
        return None
    return process


def _may_name(file_owner, process):
    # The engine user can write its own pid file: trusting any pid in it
    # would let the engine get any process on the host killed by root.
    # Each instance has a user of its own, so its pid files name only its
    # own processes.
    return file_owner in (0, process.uids().real)


def live_process(pid):
    """psutil.Process for ``pid`` unless it is gone or a zombie."""
    if pid <= 1 or pid == os.getpid():
        return None
    try:
        process = psutil.Process(pid)
        if process.status() != psutil.STATUS_ZOMBIE:
            return process
    except psutil.Error:
        return None
    _reap(pid)
    return None


def with_descendants(process):
    try:
        return [process] + process.children(recursive=True)
    except psutil.Error:
        return [process]


def processes_with_environment(key, value):
    """Processes whose environment has key=value (children inherit it)."""
    found = []
    for process in psutil.process_iter():
        try:
            if process.pid != os.getpid() and \
                    process.environ().get(key) == value:
                found.append(process)
        except psutil.Error:
            continue
    return found


def terminate(processes, grace):
    """SIGTERM, up to ``grace`` seconds to exit, then SIGKILL."""
    alive = _wait_gone(_signal(processes, signal.SIGTERM), grace)
    if alive:
        LOG.warning('Killing pids %s: still alive %s s after SIGTERM',
                    sorted(p.pid for p in alive), grace)
        alive = _wait_gone(_signal(alive, signal.SIGKILL), 5)
    for process in alive:
        LOG.error('pid %d survived SIGKILL', process.pid)
    return alive


def _wait_gone(processes, timeout):
    # Not psutil.wait_procs: it counts a zombie as alive, and an orphan's
    # zombie lasts until init gets round to reaping it.
    deadline = time.monotonic() + timeout
    while True:
        alive = [p for p in processes if _is_alive(p)]
        if not alive or time.monotonic() >= deadline:
            return alive
        time.sleep(0.02)


def _is_alive(process):
    try:
        if not process.is_running():
            return False
        if process.status() != psutil.STATUS_ZOMBIE:
            return True
    except psutil.NoSuchProcess:
        return False
    _reap(process.pid)
    return False


def _signal(processes, signum):
    signalled = []
    for process in processes:
        try:
            process.send_signal(signum)
            signalled.append(process)
        except psutil.NoSuchProcess:
            continue
    return signalled


def _reap(pid):
    # A zombie that is our own child (an agent we started) waits for us.
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
