"""Standby guest agents: started ahead of need, they become the agent a
new server needs, and go away with the taskmanager that keeps them."""
import os
import time

import psutil
import pytest

from trove.compute.local import standby
from trove.conf import CONF


@pytest.fixture
def standbys():
    CONF.set_override('standby_agents', 1, group='local_compute')
    CONF.set_override('guestagent_command', None, group='local_compute')
    standby.keep_ready()
    yield
    standby.stop_all()
    CONF.clear_override('standby_agents', group='local_compute')
    CONF.clear_override('guestagent_command', group='local_compute')


def _wait_for(predicate, timeout=30):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, 'timed out'
        time.sleep(0.05)


def test_a_standby_becomes_the_agent_it_is_told_to_be(standbys, tmp_path):
    child = standby.take()
    assert child is not None
    # Detached from the taskmanager's session, like a directly started one.
    assert os.getsid(child.pid) == child.pid
    procs = tmp_path / 'cgroup.procs'
    procs.write_text('')
    log = tmp_path / 'guestagent.log'
    config = tmp_path / 'guest.conf'
    config.write_text('[guest_agent]\n')   # lacks what an agent needs
    assert standby.hand_over(
        child, ['trove-guestagent', '--config-file', str(config)],
        str(tmp_path), dict(os.environ, TROVE_LOCAL_INSTANCE_ID='i1'),
        str(log), [str(procs)])
    assert child.wait(60) != 0
    # It ran the real agent with that argv, its output in the log, after
    # joining the cgroup (a plain file here: it wrote '0' into it).
    assert '[guest_agent] needs' in log.read_text()
    assert procs.read_text() == '0'


def test_a_taken_standby_is_replaced(standbys):
    first = standby.take()
    _wait_for(lambda: standby.ready_pids() != [])
    assert first.pid not in standby.ready_pids()
    first.stdin.close()
    first.wait(30)


def test_standbys_exit_when_no_longer_kept(standbys):
    _wait_for(lambda: standby.ready_pids() != [])
    pids = standby.ready_pids()
    standby.stop_all()
    assert standby.take() is None
    for pid in pids:
        assert not psutil.pid_exists(pid)


def test_a_configured_agent_command_has_no_standby(tmp_path):
    CONF.set_override('guestagent_command', '/bin/true',
                      group='local_compute')
    try:
        standby.keep_ready()
        assert standby.take() is None
    finally:
        standby.stop_all()
        CONF.clear_override('guestagent_command', group='local_compute')
