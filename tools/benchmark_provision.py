#!/usr/bin/env python3
"""Time from POST /instances to ACTIVE, per engine, beside its floor.

Starts a private deployment through tools/quickstart.sh (its own ports and
addresses), creates instances one after another, and prints the median
POST-to-ACTIVE time next to the floor measured in the same run,
alternating with it (tools/engine_floors.py: init + start + create a user,
by hand). The first MariaDB instance initialises the host's datadir cache;
its time is printed apart; so is each instance's DELETE -> gone. Also
prints the resident memory of the idle control plane. Cleans up after
itself.

    .venv/bin/python tools/benchmark_provision.py [--runs 5]
                                                  [--engines mariadb,...]
"""
import argparse
import os
import statistics
import sys
import time

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.dirname(TOOLS), TOOLS]

import bench_concurrency  # noqa: E402
import engine_floors  # noqa: E402

from trove.tests.functional import deployment as deployment_module  # noqa
from trove.tests.functional import waiters  # noqa: E402

# Its own API port (TROVE_BENCH_API_PORT when another program has it).
BENCH_API_PORT = int(os.environ.get('TROVE_BENCH_API_PORT', 28779))
REQUESTS = {
    'mariadb': dict(databases=[{'name': 'mydb'}], users=[
        {'name': 'myuser', 'password': 'mypass',
         'databases': [{'name': 'mydb'}]}]),
    'postgresql': dict(databases=[{'name': 'mydb'}], users=[
        {'name': 'myuser', 'password': 'mypass',
         'databases': [{'name': 'mydb'}]}]),
    'redis': {},
}


def provision_once(trove, engine, version, poll=0.02):
    """(seconds POST -> ACTIVE, seconds DELETE -> gone)."""
    started = time.monotonic()
    instance = trove.instances.create(
        'bench', '2', volume={'size': 1}, datastore=engine,
        datastore_version=version, **REQUESTS[engine])
    while trove.instances.get(instance.id).status not in ('ACTIVE', 'ERROR'):
        time.sleep(poll)
    created = time.monotonic() - started
    status = trove.instances.get(instance.id).status
    started = time.monotonic()
    trove.instances.delete(instance.id)
    waiters.wait_until_gone(trove, instance.id, interval=poll)
    deleted = time.monotonic() - started
    if status != 'ACTIVE':
        print('a %s create ended %s' % (engine, status), file=sys.stderr)
    return created, deleted


def provisioning(trove, engine, runs):
    """{first, runs, floors, deletes} of one engine: the first create
    apart (it may fill a cache), then runs alternating with the floor."""
    version = trove.datastore_versions.list(engine)[0].name
    first, delete = provision_once(trove, engine, version)
    floors, times, deletes = [], [], [delete]
    for _ in range(runs):
        floors.append(engine_floors.FLOORS[engine]())
        created, deleted = provision_once(trove, engine, version)
        times.append(created)
        deletes.append(deleted)
    return {'first': first, 'runs': times, 'floors': floors,
            'deletes': deletes}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--engines', default='mariadb,postgresql,redis')
    args = parser.parse_args()

    deployment = deployment_module.Deployment(
        api_port=BENCH_API_PORT, rabbit_port=5699,
        address_pool='127.89.0.0/16',
        cgroup_prefix='trove-benchmark', prefix='trove-benchmark-')
    results = {}
    try:
        deployment.start()
        trove = deployment.client()
        time.sleep(2)
        idle_rss = bench_concurrency.control_plane_rss_mb(
            deployment.state_dir, deployment.cgroup_prefix)
        for engine in args.engines.split(','):
            results[engine] = provisioning(trove, engine, args.runs)
    finally:
        deployment.stop()
        deployment.remove()
    print('%-12s %10s %10s %8s %8s %8s' % ('POST->ACTIVE', 'first', 'median',
                                           'floor', 'ratio', 'delete'))
    for engine, found in results.items():
        median = statistics.median(found['runs'])
        floor = statistics.median(found['floors'])
        print('%-12s %9.2fs %9.2fs %7.2fs %7.2fx %7.2fs' % (
            engine, found['first'], median, floor, median / floor,
            statistics.median(found['deletes'])))
        print('  runs: %s; floors: %s' % (
            ' '.join('%.2f' % t for t in found['runs']),
            ' '.join('%.2f' % f for f in found['floors'])))
    print('idle control plane RSS: %.0f MB' % idle_rss)


if __name__ == '__main__':
    main()
