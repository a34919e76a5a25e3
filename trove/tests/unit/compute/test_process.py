import os
import subprocess
import sys
import time

import psutil
import pytest

from trove.compute.local import process


@pytest.fixture
def sleeper():
    child = subprocess.Popen(['sleep', '60'])
    yield child
    child.kill()
    child.wait()


def test_pid_file_names_the_process_it_recorded(tmp_path, sleeper):
    pid_file = str(tmp_path / 'agent.pid')
    process.write_pid_file(pid_file, sleeper.pid)
    assert process.process_from_pid_file(pid_file).pid == sleeper.pid


def test_a_reused_pid_is_not_the_recorded_process(tmp_path, sleeper):
    pid_file = tmp_path / 'agent.pid'
    started = psutil.Process(sleeper.pid).create_time()
    pid_file.write_text('%d %r\n' % (sleeper.pid, started - 60))
    assert process.process_from_pid_file(str(pid_file)) is None


def test_bare_pid_file_is_checked_against_its_mtime(tmp_path, sleeper):
    pid_file = tmp_path / 'engine.pid'
    pid_file.write_text('%d\n' % sleeper.pid)
    assert process.process_from_pid_file(str(pid_file)).pid == sleeper.pid
    hour_ago = time.time() - 3600
    os.utime(pid_file, (hour_ago, hour_ago))
    assert process.process_from_pid_file(str(pid_file)) is None


def test_pid_file_of_another_user_cannot_name_our_processes(tmp_path,
                                                            sleeper):
    if os.geteuid() != 0:
        pytest.skip('needs root to chown')
    pid_file = tmp_path / 'engine.pid'
    pid_file.write_text('%d\n' % sleeper.pid)
    os.chown(pid_file, 65534, 65534)
    assert process.process_from_pid_file(str(pid_file)) is None


def test_a_link_to_a_root_owned_pid_file_names_nothing(tmp_path, sleeper):
    # An instance's user owns its run directory: a link there to one of
    # root's pid files must not get root's process killed at delete.
    roots = tmp_path / 'roots.pid'
    roots.write_text('%d\n' % sleeper.pid)
    os.symlink(roots, tmp_path / 'engine.pid')
    assert process.process_from_pid_file(str(roots)).pid == sleeper.pid
    assert process.process_from_pid_file(str(tmp_path / 'engine.pid')) \
        is None


@pytest.mark.parametrize('content', ['', 'junk', '1\n', '999999999 1.0'])
def test_useless_pid_files(tmp_path, content):
    pid_file = tmp_path / 'x.pid'
    pid_file.write_text(content)
    assert process.process_from_pid_file(str(pid_file)) is None
    assert process.process_from_pid_file(str(tmp_path / 'missing')) is None


def test_zombies_are_not_alive():
    child = subprocess.Popen(['true'])
    deadline = time.time() + 5
    while psutil.Process(child.pid).status() != psutil.STATUS_ZOMBIE:
        assert time.time() < deadline
        time.sleep(0.01)
    assert process.live_process(child.pid) is None  # and it is reaped
    assert not psutil.pid_exists(child.pid) or \
        psutil.Process(child.pid).status() != psutil.STATUS_ZOMBIE
    child.wait()


def test_terminate_escalates_to_sigkill():
    stubborn = subprocess.Popen(
        [sys.executable, '-c', 'import signal, time\n'
         'signal.signal(signal.SIGTERM, signal.SIG_IGN)\n'
         'print("ready", flush=True)\ntime.sleep(60)'],
        stdout=subprocess.PIPE, text=True)
    try:
        assert stubborn.stdout.readline().strip() == 'ready'
        started = time.time()
        alive = process.terminate([psutil.Process(stubborn.pid)], grace=0.5)
        assert alive == []
        # psutil has reaped our child already, so look at the pid.
        assert not psutil.pid_exists(stubborn.pid)
        assert time.time() - started < 5
    finally:
        stubborn.kill()
        stubborn.wait()
        stubborn.stdout.close()


def test_processes_with_environment(sleeper):
    marked = subprocess.Popen(['sleep', '60'],
                              env=dict(os.environ, TROVE_TEST_MARK='m1'))
    try:
        found = process.processes_with_environment('TROVE_TEST_MARK', 'm1')
        assert [p.pid for p in found] == [marked.pid]
    finally:
        marked.kill()
        marked.wait()
