import threading

import pytest

from trove.common import group_commit


def test_an_item_alone_is_written_at_once_with_its_result():
    batches = []
    committer = group_commit.GroupCommit(
        lambda items: batches.append(list(items)) or [i * 2 for i in items])
    assert committer.submit(21) == 42
    assert batches == [[21]]


def test_items_submitted_during_a_write_share_the_next_one():
    first_write_started = threading.Event()
    release_first_write = threading.Event()
    batches = []

    def write(items):
        batches.append(list(items))
        if len(batches) == 1:
            first_write_started.set()
            release_first_write.wait(10)
        return ['result-%s' % item for item in items]

    committer = group_commit.GroupCommit(write)
    results = {}

    def submit(item):
        results[item] = committer.submit(item)

    leader = threading.Thread(target=submit, args=('a',))
    leader.start()
    assert first_write_started.wait(10)
    followers = [threading.Thread(target=submit, args=(item,))
                 for item in 'bcd']
    for thread in followers:
        thread.start()
    # Wait until the three are queued behind the write under way.
    while len(committer._pending) < 3:
        threading.Event().wait(0.01)
    release_first_write.set()
    for thread in [leader] + followers:
        thread.join(10)
    assert batches[0] == ['a']
    assert sorted(batches[1]) == ['b', 'c', 'd']
    assert len(batches) == 2
    assert results == {item: 'result-%s' % item for item in 'abcd'}


def test_a_failed_batch_fails_each_of_its_items_and_not_the_next():
    calls = []

    def write(items):
        calls.append(items)
        if len(calls) == 1:
            raise OSError('disk full')
        return items

    committer = group_commit.GroupCommit(write)
    with pytest.raises(OSError, match='disk full'):
        committer.submit('x')
    assert committer.submit('y') == 'y'
