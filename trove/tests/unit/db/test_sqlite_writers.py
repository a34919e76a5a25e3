"""The write turn of a SQLite file: a writer waiting in another process
goes before one that writes back to back."""
import multiprocessing
import os
import time

from trove.db import session
from trove.db import sqlite_writers


def _hold_then_report(path, started, done):
    with sqlite_writers.turn(path):
        started.set()
        time.sleep(0.3)
        done.set()   # the last thing it does before letting go


def _wait_for_turn(path, waiting, got):
    waiting.set()
    with sqlite_writers.turn(path):
        got.value = time.monotonic()


def test_a_waiting_writer_goes_before_a_back_to_back_one(tmp_path):
    path = str(tmp_path / 'trove.db')
    context = multiprocessing.get_context('fork')
    waiting, got = context.Event(), context.Value('d', 0.0)
    with sqlite_writers.turn(path):
        other = context.Process(target=_wait_for_turn,
                                args=(path, waiting, got))
        other.start()
        waiting.wait(10)
        time.sleep(0.2)   # it is blocked in the kernel by now
    # This process writes again at once, as a busy conductor does; the
    # waiter must have had its turn first.
    with sqlite_writers.turn(path):
        mine = time.monotonic()
    other.join(10)
    assert got.value and got.value < mine


def test_turns_exclude_each_other_across_processes(tmp_path):
    path = str(tmp_path / 'trove.db')
    context = multiprocessing.get_context('fork')
    started, done = context.Event(), context.Event()
    holder = context.Process(target=_hold_then_report,
                             args=(path, started, done))
    holder.start()
    started.wait(10)
    with sqlite_writers.turn(path):
        assert done.is_set()   # only once the holder let go
    holder.join(10)


def _open_descriptors():
    return len(os.listdir('/proc/self/fd'))


def test_dropping_the_engine_closes_the_lock_files(tmp_path):
    # Each control DB a process leaves (a test's, or one a new URL
    # replaces) must not keep two descriptors open for good.
    session.dispose()
    before = _open_descriptors()
    for number in range(20):
        with sqlite_writers.turn(str(tmp_path / ('%d.db' % number))):
            pass
        session.dispose()
    assert _open_descriptors() == before
