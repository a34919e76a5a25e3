#!/usr/bin/env python3
"""Concurrent operations while processes die at random; then the audit.

Starts a private deployment through tools/quickstart.sh, creates instances
and writes rows into them, then runs creates, restarts, resizes and deletes
concurrently while a killer sends SIGKILL to a random trove-api,
trove-taskmanager, trove-conductor, guest agent or the RabbitMQ node and
brings the service back (as systemd would) with quickstart. Once every
instance has settled it prints: operations started, instances that ended
ACTIVE, ended ERROR with a fault, stuck (must be 0), orphans left (must be
0), rows of user data lost (must be 0). Cleans up after itself.

    .venv/bin/python tools/chaos.py [--instances 4] [--operations 12]
                                    [--kills 6] [--seed N]
                                    [--taskmanagers 1] [--conductors 1]

With several taskmanagers and conductors, any of them may be killed, and
the audit also counts creates done twice (must be 0).
"""
import argparse
import concurrent.futures
import os
import random
import signal
import sys
import threading
import time

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.dirname(TOOLS), TOOLS]

import pymysql  # noqa: E402
from troveclient import exceptions  # noqa: E402

import chaos_audit  # noqa: E402
from trove.tests.functional import deployment as deployment_module  # noqa

ROWS = 100
SETTLED = ('ACTIVE', 'ERROR')
USER = {'name': 'chaos', 'password': 'chaos-pass',
        'databases': [{'name': 'chaosdb'}]}


def call_with_retry(func, *args, attempts=60):
    """The API may be down for a moment while the killer is at work; a user
    retries, and so do we (only connection failures, not refusals)."""
    for attempt in range(attempts):
        try:
            return func(*args)
        except (exceptions.ClientException, exceptions.NotFound,
                exceptions.BadRequest, exceptions.Forbidden):
            raise
        except Exception:
            if attempt == attempts - 1:
                raise
            time.sleep(1)


def _numbered(service, count):
    """The names quickstart gives ``count`` processes of ``service``."""
    return [service] + ['%s.%d' % (service, n) for n in range(2, count + 1)]


class Chaos(object):

    def __init__(self, deployment, seed, taskmanagers=1, conductors=1):
        self.deployment = deployment
        self.victims = (['trove-api', 'rabbitmq', 'guest']
                        + _numbered('trove-taskmanager', taskmanagers)
                        + _numbered('trove-conductor', conductors))
        self.trove = deployment.client()
        self.random = random.Random(seed)
        self.version = None
        self.started = 0
        self.refused = 0
        self.deleted = set()
        self.lock = threading.Lock()

    def create(self, name):
        instance = call_with_retry(
            lambda: self.trove.instances.create(
                name, '1', volume={'size': 1}, datastore='mariadb',
                datastore_version=self.version,
                databases=[{'name': 'chaosdb'}], users=[USER]))
        return instance.id

    def wait_settled(self, instance_ids, timeout):
        deadline = time.time() + timeout
        pending = set(instance_ids)
        while pending and time.time() < deadline:
            for instance_id in list(pending):
                try:
                    status = call_with_retry(self.trove.instances.get,
                                             instance_id).status
                except exceptions.NotFound:
                    status = 'GONE'
                if status in SETTLED or status == 'GONE':
                    pending.discard(instance_id)
            time.sleep(1)
        return pending

    def write_rows(self, instance_id):
        address = self.trove.instances.get(instance_id).ip[0]
        conn = pymysql.connect(host=address, user='chaos',
                               password='chaos-pass', database='chaosdb',
                               autocommit=True)
        with conn.cursor() as cursor:
            cursor.execute('CREATE TABLE kept (id INT PRIMARY KEY)')
            cursor.executemany('INSERT INTO kept VALUES (%s)',
                               [(i,) for i in range(ROWS)])
        conn.close()

    def operate(self, instance_ids):
        """One random operation; refusals (422 while busy) are counted."""
        with self.lock:
            self.started += 1
        choice = self.random.choice(['create', 'restart', 'resize_volume',
                                     'resize_flavor', 'delete'])
        target = self.random.choice(instance_ids)
        try:
            if choice == 'create':
                return self.create('chaos-extra-%d' % self.started)
            if choice == 'restart':
                call_with_retry(self.trove.instances.restart, target)
            elif choice == 'resize_volume':
                size = self.trove.instances.get(target).volume['size'] + 1
                call_with_retry(self.trove.instances.resize_volume, target,
                                size)
            elif choice == 'resize_flavor':
                call_with_retry(self.trove.instances.resize_instance, target,
                                self.random.choice(['1', '2']))
            else:
                call_with_retry(self.trove.instances.delete, target)
                with self.lock:
                    self.deleted.add(target)
        except (exceptions.ClientException, exceptions.BadRequest):
            with self.lock:
                self.refused += 1
        return None

    def kill_random(self):
        victim = self.random.choice(self.victims)
        pid = chaos_audit.victim_pid(self.deployment, victim, self.random)
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
                print('  killed %s (pid %d)' % (victim, pid), flush=True)
            except ProcessLookupError:
                pass
        time.sleep(self.random.uniform(0.5, 2))
        # The init system brings the service back.
        self.deployment.start()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--instances', type=int, default=4)
    parser.add_argument('--operations', type=int, default=12)
    parser.add_argument('--kills', type=int, default=6)
    parser.add_argument('--seed', type=int, default=int(time.time()))
    parser.add_argument('--taskmanagers', type=int, default=1)
    parser.add_argument('--conductors', type=int, default=1)
    parser.add_argument('--keep', action='store_true',
                        help='keep the state directory (logs) afterwards')
    args = parser.parse_args()
    print('seed %d' % args.seed)

    deployment = deployment_module.Deployment(
        api_port=38779, rabbit_port=5709, address_pool='127.90.0.0/16',
        cgroup_prefix='trove-chaos', build_timeout=40, prefix='trove-chaos-',
        settings={'TROVE_TASKMANAGERS': str(args.taskmanagers),
                  'TROVE_CONDUCTORS': str(args.conductors)})
    try:
        deployment.start()
        chaos = Chaos(deployment, args.seed, args.taskmanagers,
                      args.conductors)
        chaos.version = chaos.trove.datastore_versions.list('mariadb')[0].name
        initial = [chaos.create('chaos-%d' % i)
                   for i in range(args.instances)]
        chaos.started += len(initial)
        chaos.wait_settled(initial, 120)
        for instance_id in initial:
            chaos.write_rows(instance_id)

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            futures = [pool.submit(chaos.operate, initial)
                       for _ in range(args.operations)]
            for _ in range(args.kills):
                chaos.kill_random()
            created = [f.result() for f in futures]
        everything = initial + [i for i in created if i]

        print('waiting for every instance to settle...', flush=True)
        stuck = chaos.wait_settled(everything, 240)
        report = chaos_audit.audit(deployment, chaos.trove, everything,
                                   chaos.deleted, stuck, initial, ROWS)
        report['operations started'] = chaos.started
        report['operations refused (busy)'] = chaos.refused
        report['creates done twice'] = chaos_audit.creates_done_twice(
            deployment)
        for key in ('operations started', 'operations refused (busy)',
                    'ended ACTIVE', 'ended ERROR with a fault',
                    'ended ERROR without a fault', 'stuck', 'orphans left',
                    'rows of user data lost', 'creates done twice'):
            print('%-28s %s' % (key, report[key]))
        for line in report['details']:
            print('  ' + line)
        chaos_audit.delete_all(chaos.trove)
        leftovers = chaos_audit.orphans(deployment, set())
        print('%-28s %s' % ('left after deleting all', len(leftovers)))
        failed = (report['stuck'] or report['orphans left']
                  or report['rows of user data lost'] or leftovers
                  or report['creates done twice'])
    finally:
        deployment.stop()
        if args.keep:
            print('state kept in %s' % deployment.state_dir)
        else:
            deployment.remove()
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
