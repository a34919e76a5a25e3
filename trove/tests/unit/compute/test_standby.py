"""The standby guest agent: it forks the agent a new server needs, in
that server's cgroup, log and environment; it comes back if it dies and
goes away with the taskmanager that keeps it."""
import os
import signal
import time

import psutil
import pytest

from trove.compute.local import standby
from trove.conf import CONF


@pytest.fixture
def standby_on():
    CONF.set_override('standby_agent', True, group='local_compute')
    CONF.set_override('guestagent_command', None, group='local_compute')
    standby.keep_ready()
    yield
    standby.stop_all()
    CONF.clear_override('standby_agent', group='local_compute')
    CONF.clear_override('guestagent_command', group='local_compute')


def _failing_agent(tmp_path, name):
    """Arguments of an agent whose configuration lacks what it needs: it
    says so in its log and exits."""
    procs = tmp_path / ('%s.procs' % name)
    procs.write_text('')
    log = tmp_path / ('%s.log' % name)
    config = tmp_path / ('%s.conf' % name)
    config.write_text('[guest_agent]\n')
    return (['trove-guestagent', '--config-file', str(config)],
            str(tmp_path), dict(os.environ, TROVE_LOCAL_INSTANCE_ID=name),
            str(log), [str(procs)]), log, procs


def _text(path):
    return path.read_text() if path.exists() else ''


def _wait_for(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, 'timed out'
        time.sleep(0.05)


def test_agents_are_forked_into_their_log_and_cgroup(standby_on, tmp_path):
    for name in ('first', 'second'):
        arguments, log, procs = _failing_agent(tmp_path, name)
        pid = standby.spawn(*arguments)
        assert pid is not None and pid != standby.standby_pid()
        # It ran the real agent with that argv, its output in its log,
        # after joining the cgroup (a plain file here: it wrote '0').
        _wait_for(lambda: '[guest_agent] needs' in _text(log))
        assert procs.read_text() == '0'
        # Exited and reaped: no zombie left behind.
        _wait_for(lambda: not psutil.pid_exists(pid) or
                  psutil.Process(pid).status() != psutil.STATUS_ZOMBIE)


def test_a_forked_agent_is_named_as_one(standby_on, tmp_path):
    # An agent that lives: its configuration file is a FIFO it waits on.
    config = tmp_path / 'slow.conf'
    os.mkfifo(config)
    log = tmp_path / 'slow.log'
    pid = standby.spawn(['trove-guestagent', '--config-file', str(config)],
                        str(tmp_path), dict(os.environ), str(log), [])
    try:
        _wait_for(lambda: psutil.Process(pid).name() == 'trove-guest')
        # Detached from the standby's session, like a directly started one.
        assert os.getsid(pid) == pid
    finally:
        os.kill(pid, signal.SIGKILL)


def test_a_dead_standby_is_replaced(standby_on, tmp_path):
    os.kill(standby.standby_pid(), signal.SIGKILL)
    arguments, log, _ = _failing_agent(tmp_path, 'after')
    # The order that finds it dead is started the ordinary way (None);
    # by the next one, another standby serves.
    pid = standby.spawn(*arguments) or standby.spawn(*arguments)
    assert pid is not None
    _wait_for(lambda: '[guest_agent] needs' in _text(log))


def test_the_standby_exits_when_no_longer_kept(standby_on, tmp_path):
    pid = standby.standby_pid()
    standby.stop_all()
    assert not psutil.pid_exists(pid)
    arguments, _, _ = _failing_agent(tmp_path, 'late')
    assert standby.spawn(*arguments) is None


def test_a_configured_agent_command_has_no_standby(tmp_path):
    CONF.set_override('guestagent_command', '/bin/true',
                      group='local_compute')
    try:
        standby.keep_ready()
        assert standby.standby_pid() is None
        arguments, _, _ = _failing_agent(tmp_path, 'x')
        assert standby.spawn(*arguments) is None
    finally:
        standby.stop_all()
        CONF.clear_override('guestagent_command', group='local_compute')


def test_an_answer_is_read_on_a_descriptor_above_1023():
    # A taskmanager holding many connections gets high descriptors for
    # its pipe to the standby; select() cannot wait on those.
    read_end, write_end = os.pipe()
    high = os.dup2(read_end, 1500)
    try:
        os.write(write_end, b'4321\n')
        assert standby._read_pid(high) == 4321
    finally:
        for fd in (read_end, write_end, high):
            os.close(fd)
