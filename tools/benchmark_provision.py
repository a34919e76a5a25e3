#!/usr/bin/env python3
"""Time from POST /instances to ACTIVE, per engine, beside its floor.

Starts a private deployment through tools/quickstart.sh (its own ports and
addresses), creates instances one after another, and prints the median
POST-to-ACTIVE time next to the floor measured in the same run,
alternating with it (tools/engine_floors.py: init + start + create a user,
by hand). The first MariaDB instance initialises the host's datadir cache;
its time is printed apart. Also prints the resident memory of the idle
control plane. Cleans up after itself.

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

import engine_floors  # noqa: E402
import psutil  # noqa: E402

from trove.tests.functional import deployment as deployment_module  # noqa
from trove.tests.functional import waiters  # noqa: E402

REQUESTS = {
    'mariadb': dict(databases=[{'name': 'mydb'}], users=[
        {'name': 'myuser', 'password': 'mypass',
         'databases': [{'name': 'mydb'}]}]),
    'postgresql': dict(databases=[{'name': 'mydb'}], users=[
        {'name': 'myuser', 'password': 'mypass',
         'databases': [{'name': 'mydb'}]}]),
    'redis': {},
}


def control_plane_rss_mb(state_dir):
    total = 0
    for name in ('trove-api', 'trove-conductor', 'trove-taskmanager'):
        with open(os.path.join(state_dir, 'run', name + '.pid')) as pidfile:
            process = psutil.Process(int(pidfile.read()))
        for member in [process] + process.children(recursive=True):
            total += member.memory_info().rss
    return total / 2 ** 20


def provision_once(trove, engine, version):
    started = time.monotonic()
    instance = trove.instances.create(
        'bench', '2', volume={'size': 1}, datastore=engine,
        datastore_version=version, **REQUESTS[engine])
    while trove.instances.get(instance.id).status not in ('ACTIVE', 'ERROR'):
        time.sleep(0.02)
    elapsed = time.monotonic() - started
    status = trove.instances.get(instance.id).status
    trove.instances.delete(instance.id)
    waiters.wait_until_gone(trove, instance.id)
    if status != 'ACTIVE':
        print('a %s create ended %s' % (engine, status), file=sys.stderr)
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--engines', default='mariadb,postgresql,redis')
    args = parser.parse_args()

    deployment = deployment_module.Deployment(
        api_port=28779, rabbit_port=5699, address_pool='127.89.0.0/16',
        cgroup_prefix='trove-benchmark', prefix='trove-benchmark-')
    rows = []
    try:
        deployment.start()
        trove = deployment.client()
        time.sleep(2)
        idle_rss = control_plane_rss_mb(deployment.state_dir)
        for engine in args.engines.split(','):
            version = trove.datastore_versions.list(engine)[0].name
            first = provision_once(trove, engine, version)
            floors, times = [], []
            for _ in range(args.runs):
                floors.append(engine_floors.FLOORS[engine]())
                times.append(provision_once(trove, engine, version))
            rows.append((engine, first, times, floors))
    finally:
        deployment.stop()
        deployment.remove()
    print('%-12s %10s %10s %8s %8s' % ('POST->ACTIVE', 'first', 'median',
                                       'floor', 'ratio'))
    for engine, first, times, floors in rows:
        median, floor = statistics.median(times), statistics.median(floors)
        print('%-12s %9.2fs %9.2fs %7.2fs %7.2fx' % (engine, first, median,
                                                     floor, median / floor))
        print('  runs: %s; floors: %s' % (
            ' '.join('%.2f' % t for t in times),
            ' '.join('%.2f' % f for f in floors)))
    print('idle control plane RSS: %.0f MB' % idle_rss)


if __name__ == '__main__':
    main()
