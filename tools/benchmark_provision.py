#!/usr/bin/env python3
"""Time from POST /instances to ACTIVE, beside the engine's own floor.

Starts a private deployment through tools/quickstart.sh (its own ports and
addresses), creates N MariaDB instances one after another, and prints the
median POST-to-ACTIVE time next to the floor measured in the same run:
mariadb-install-db + start + create a database and a user, by hand. Also
prints the resident memory of the idle control plane. Cleans up after itself.

    .venv/bin/python tools/benchmark_provision.py [--runs 5]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))

import psutil  # noqa: E402

from trove.tests.functional import deployment as deployment_module  # noqa
from trove.tests.functional import waiters  # noqa: E402

FLOOR_ADDRESS = '127.99.0.2'


def mariadb_floor():
    """Seconds from nothing to a login as a new user, by hand."""
    work = tempfile.mkdtemp(prefix='trove-floor-')
    os.chmod(work, 0o755)
    datadir, sock = os.path.join(work, 'data'), os.path.join(work, 'sock')
    os.makedirs(datadir)
    subprocess.run(['chown', '-R', 'mysql:mysql', work], check=True)
    started = time.monotonic()
    subprocess.run(['mariadb-install-db', '--user=mysql', '--datadir=' +
                    datadir, '--skip-test-db',
                    '--auth-root-authentication-method=socket'],
                   check=True, capture_output=True)
    server = subprocess.Popen(
        ['mariadbd', '--no-defaults', '--user=mysql', '--datadir=' + datadir,
         '--socket=' + sock, '--bind-address=' + FLOOR_ADDRESS,
         '--innodb-buffer-pool-size=32M', '--skip-name-resolve',
         '--pid-file=' + os.path.join(work, 'pid'),
         '--log-error=' + os.path.join(work, 'err.log')],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sql = ("CREATE DATABASE mydb; CREATE USER 'myuser'@'%' IDENTIFIED BY "
           "'mypass'; GRANT ALL ON mydb.* TO 'myuser'@'%';")
    while subprocess.run(['mariadb', '-S', sock, '-uroot', '-e', sql],
                         capture_output=True).returncode != 0:
        time.sleep(0.02)
    elapsed = time.monotonic() - started
    server.terminate()
    server.wait()
    subprocess.run(['rm', '-rf', work])
    return elapsed


def control_plane_rss_mb(state_dir):
    total = 0
    for name in ('trove-api', 'trove-conductor', 'trove-taskmanager'):
        with open(os.path.join(state_dir, 'run', name + '.pid')) as pidfile:
            process = psutil.Process(int(pidfile.read()))
        for member in [process] + process.children(recursive=True):
            total += member.memory_info().rss
    return total / 2 ** 20


def provision_once(trove, flavor_id, version):
    started = time.monotonic()
    instance = trove.instances.create(
        'bench', flavor_id, volume={'size': 1}, datastore='mariadb',
        datastore_version=version, databases=[{'name': 'mydb'}],
        users=[{'name': 'myuser', 'password': 'mypass',
                'databases': [{'name': 'mydb'}]}])
    while trove.instances.get(instance.id).status not in ('ACTIVE', 'ERROR'):
        time.sleep(0.05)
    elapsed = time.monotonic() - started
    status = trove.instances.get(instance.id).status
    trove.instances.delete(instance.id)
    waiters.wait_until_gone(trove, instance.id)
    return elapsed, status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--runs', type=int, default=5)
    args = parser.parse_args()

    deployment = deployment_module.Deployment(
        api_port=28779, rabbit_port=5699, address_pool='127.89.0.0/16',
        cgroup_prefix='trove-benchmark', prefix='trove-benchmark-')
    floors, times = [], []
    try:
        deployment.start()
        trove = deployment.client()
        version = trove.datastore_versions.list('mariadb')[0].name
        time.sleep(2)
        idle_rss = control_plane_rss_mb(deployment.state_dir)
        for _ in range(args.runs):
            floors.append(mariadb_floor())
            elapsed, status = provision_once(trove, '1', version)
            if status != 'ACTIVE':
                print('a create ended %s' % status, file=sys.stderr)
            times.append(elapsed)
    finally:
        deployment.stop()
        deployment.remove()
    floor, provision = statistics.median(floors), statistics.median(times)
    print('%-34s %8s %8s %6s' % ('measure (median of %d)' % args.runs,
                                 'trove', 'floor', 'ratio'))
    print('%-34s %7.2fs %7.2fs %5.2fx' % ('MariaDB POST to ACTIVE',
                                          provision, floor,
                                          provision / floor))
    print('%-34s %7.0fMB' % ('idle control plane RSS', idle_rss))
    print('all runs: trove %s; floor %s' % (
        ' '.join('%.2f' % t for t in times),
        ' '.join('%.2f' % f for f in floors)))


if __name__ == '__main__':
    main()
