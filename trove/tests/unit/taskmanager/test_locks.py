"""Instance locks and periodic passes, as taskmanagers see them: one
workflow of an instance at a time across processes (claims in the DB),
taken over when their holder dies, and each periodic pass run once."""
import threading
from unittest import mock

import pytest

from trove.conf import CONF
from trove.db.api import claims
from trove.taskmanager import locks


@pytest.fixture
def short_claims(control_db):
    CONF.set_override('claim_expiry', 3, group='taskmanager')
    yield
    CONF.clear_override('claim_expiry', group='taskmanager')


def _locked(instance_id, order, what='second'):
    with locks.instance_lock(instance_id):
        order.append(what)


def test_lock_table_is_empty_once_workflows_are_over(control_db):
    ids = ['i-%d' % n for n in range(50)]
    entered = threading.Barrier(len(ids) + 1)

    def work(instance_id):
        with locks.instance_lock(instance_id):
            entered.wait()
            entered.wait()

    threads = [threading.Thread(target=work, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    entered.wait()
    assert locks.held_count() == len(ids)
    assert len(claims.holders('instance:')) == len(ids)
    entered.wait()
    for thread in threads:
        thread.join()
    assert locks.held_count() == 0
    assert claims.holders() == {}


def test_lock_excludes_a_second_workflow_of_this_process(control_db):
    order = []
    with locks.instance_lock('same'):
        waiter = threading.Thread(target=_locked, args=('same', order))
        waiter.start()
        waiter.join(0.2)
        assert waiter.is_alive()  # blocked while the first holds it
        order.append('first')
    waiter.join()
    assert order == ['first', 'second']
    assert locks.held_count() == 0


def test_lock_waits_for_another_taskmanagers_claim(control_db):
    assert claims.take('instance:same', 'other-tm', 30)
    order = []
    waiter = threading.Thread(target=_locked, args=('same', order))
    waiter.start()
    waiter.join(0.3)
    assert waiter.is_alive() and order == []
    claims.release('instance:same', 'other-tm')
    waiter.join(5)
    assert order == ['second']


def test_a_dead_taskmanagers_claim_is_taken_after_it_expires(short_claims):
    # It took the claim and died: nobody renews it.
    assert claims.take('instance:orphan', 'dead-tm', 3)
    order = []
    waiter = threading.Thread(target=_locked, args=('orphan', order))
    waiter.start()
    waiter.join(1)
    assert waiter.is_alive()
    waiter.join(10)
    assert order == ['second']


def test_a_held_claim_is_renewed_while_the_work_runs(short_claims):
    with locks.instance_lock('long'):
        # Past its first expiry: renewed, still this process's.
        threading.Event().wait(4)
        assert claims.holders() == {'instance:long': locks.HOLDER}
        assert not claims.take('instance:long', 'other-tm', 3)


def test_each_periodic_pass_runs_in_one_taskmanager(control_db):
    work = mock.Mock()
    mine = locks.claimed('reaper', 5, work)
    mine()
    mine()
    assert work.call_count == 2  # the holder keeps running it
    with mock.patch.object(locks, 'HOLDER', 'other-tm'):
        theirs = locks.claimed('reaper', 5, work)
        theirs()
    assert work.call_count == 2
    assert claims.holders('periodic:') == {'periodic:reaper': locks.HOLDER}
