"""Claims on work (trove.db.api.claims) on every backend: what lets several
taskmanagers share instances and periodic passes."""
import threading

from trove.db.api import claims


def test_a_claim_is_the_first_takers_until_released(schema):
    assert claims.take('instance:a', 'tm-1', 30)
    assert not claims.take('instance:a', 'tm-2', 30)
    assert claims.take('instance:a', 'tm-1', 30)  # its own: kept
    assert claims.holders('instance:') == {'instance:a': 'tm-1'}
    claims.release('instance:a', 'tm-2')  # not its claim: nothing happens
    assert not claims.take('instance:a', 'tm-2', 30)
    claims.release('instance:a', 'tm-1')
    assert claims.take('instance:a', 'tm-2', 30)


def test_an_expired_claim_goes_to_the_next_taker(schema):
    assert claims.take('periodic:reaper', 'tm-dead', 0)
    assert claims.holders() == {}  # expired at once
    assert claims.take('periodic:reaper', 'tm-2', 30)
    # The dead holder, back, can neither renew nor take it.
    assert not claims.renew('periodic:reaper', 'tm-dead', 30)
    assert not claims.take('periodic:reaper', 'tm-dead', 30)
    assert claims.renew('periodic:reaper', 'tm-2', 30)


def test_of_many_racing_takers_one_wins(schema):
    start = threading.Barrier(8)
    won = []

    def race(holder):
        start.wait()
        if claims.take('instance:race', holder, 30):
            won.append(holder)

    threads = [threading.Thread(target=race, args=('tm-%d' % n,))
               for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 1
    assert claims.holders() == {'instance:race': won[0]}


def test_names_are_matched_by_prefix_literally(schema):
    claims.take('instance:a_b', 'tm-1', 30)
    claims.take('instance:aXb', 'tm-1', 30)
    assert set(claims.holders('instance:a_')) == {'instance:a_b'}
