import ipaddress
import multiprocessing
import os

import pytest

from trove.common import exception
from trove.compute.local.addresses import AddressPool


@pytest.fixture
def leases(tmp_path):
    return str(tmp_path / 'address_leases')


def test_first_address_skips_network_and_dot_one(leases):
    assert AddressPool('127.78.0.0/24', leases).allocate('a') == '127.78.0.2'


def test_allocation_is_idempotent(leases):
    pool = AddressPool('127.78.0.0/24', leases)
    first = pool.allocate('a')
    assert pool.allocate('a') == first
    assert pool.lookup('a') == first
    assert len(os.listdir(leases)) == 1


def test_instances_get_distinct_addresses(leases):
    pool = AddressPool('127.78.0.0/24', leases)
    addresses = {pool.allocate('i%d' % n) for n in range(20)}
    assert len(addresses) == 20
    network = ipaddress.ip_network('127.78.0.0/24')
    assert all(ipaddress.ip_address(a) in network for a in addresses)


def test_release_frees_the_address(leases):
    pool = AddressPool('127.78.0.0/24', leases)
    address = pool.allocate('a')
    pool.release('a')
    assert pool.lookup('a') is None
    assert pool.holders() == {}
    assert pool.allocate('b') == address
    pool.release('never-allocated')  # no error


def test_exhausted_pool_raises(leases):
    pool = AddressPool('127.78.0.0/29', leases)  # .2 to .6
    for n in range(5):
        pool.allocate('i%d' % n)
    with pytest.raises(exception.ComputeError, match='exhausted'):
        pool.allocate('one-too-many')


def test_strays_in_the_lease_directory_are_ignored(leases):
    os.makedirs(leases)
    # A draft left by a crash between writing and linking, and junk.
    with open(os.path.join(leases, '.a~deadbeef'), 'w') as draft:
        draft.write('a\n')
    open(os.path.join(leases, 'README'), 'w').close()
    pool = AddressPool('127.78.0.0/24', leases)
    assert pool.lookup('a') is None
    assert pool.allocate('a') == '127.78.0.2'
    pool.release('a')
    assert sorted(os.listdir(leases)) == ['README']


def _allocate_many(leases, worker, results):
    pool = AddressPool('127.78.0.0/24', leases)
    for n in range(10):
        instance_id = 'w%d-i%d' % (worker, n)
        results.put((instance_id, pool.allocate(instance_id)))


def _allocate_same(leases, results):
    results.put(AddressPool('127.78.0.0/24', leases).allocate('shared'))


# eventlet (pulled in by oslo libraries) warns on any fork; these children
# only touch files.
_fork_is_fine = pytest.mark.filterwarnings(
    'ignore:Using fork:DeprecationWarning')


def _run(target, args_list):
    context = multiprocessing.get_context('fork')
    results = context.Queue()
    workers = [context.Process(target=target, args=args + (results,))
               for args in args_list]
    for worker in workers:
        worker.start()
    collected = [results.get(timeout=30) for _ in range(
        len(workers) * (10 if target is _allocate_many else 1))]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    return collected


@_fork_is_fine
def test_concurrent_processes_never_share_an_address(leases):
    allocated = _run(_allocate_many, [(leases, n) for n in range(8)])
    addresses = [address for _, address in allocated]
    assert len(set(addresses)) == len(addresses) == 80
    holders = AddressPool('127.78.0.0/24', leases).holders()
    assert holders == {address: instance_id
                       for instance_id, address in allocated}


@_fork_is_fine
def test_concurrent_calls_for_one_instance_agree(leases):
    addresses = _run(_allocate_same, [(leases,) for _ in range(8)])
    assert len(set(addresses)) == 1
    assert list(AddressPool('127.78.0.0/24', leases).holders()) == [
        addresses[0]]
