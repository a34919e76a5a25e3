"""Scale: the API and the conductor with many instances recorded.

Seeds instance rows (rows, not engines: no server, no guest) in a project
of their own, then measures over loopback, against the deployment's API
workers:

- GET /instances (every row: the API's largest page) and
  GET /instances?limit=20, and GET /instances/{id}: p50, p99, requests/s
  with several concurrent clients;
- heartbeats: the seeded instances' heartbeats cast to the conductor as
  fast as the benchmark can send them; the rate at which the conductor
  stores them is what it absorbs before it lags (offered faster than
  that, its queue grows).

The caller has loaded the deployment's configuration into trove.conf.CONF
(database and RabbitMQ).
"""
import concurrent.futures
import contextlib
import http.client
import json
import os
import signal
import statistics
import threading
import time

from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa

from trove.common import context as trove_context
from trove.conductor import rpcapi as conductor_rpcapi
from trove.db.api import instances as instances_api
from trove.db import models
from trove.db import session as db_session
from trove.instance import keys
from trove.instance.status import ServiceStatus
from trove.instance.status import Task

PROJECT = 'scale'
CLIENTS = 8


def seed_instances(count, address_prefix='127.89.250.'):
    """``count`` ACTIVE-looking instance rows in PROJECT, each with an RPC
    key of its own (their heartbeats are signed with it); their ids."""
    with db_session.transaction() as session:
        version = session.scalars(sa.select(models.DatastoreVersion)).first()
        flavor = session.scalars(sa.select(models.Flavor)).first()
        ids = []
        now = time.time()
        for number in range(count):
            instance_id = uuidutils.generate_uuid()
            session.add(models.Instance(
                id=instance_id, name='scale-%04d' % number,
                project_id=PROJECT, flavor_id=flavor.id, volume_size=1,
                datastore_version_id=version.id, task_status=Task.NONE,
                encrypted_key=keys.new_encrypted_key()[1],
                address=address_prefix + str(number % 250 + 1)))
            session.add(models.ServiceStatus(
                instance_id=instance_id, status=ServiceStatus.HEALTHY,
                last_sent=now))
            ids.append(instance_id)
    return ids


def remove_instances(ids):
    """Mark the seeded rows deleted, as a delete would."""
    with db_session.transaction() as session:
        session.execute(sa.update(models.Instance)
                        .where(models.Instance.id.in_(ids))
                        .values(deleted=True,
                                deleted_at=timeutils.utcnow()))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def load(port, paths, requests, clients=CLIENTS):
    """Send ``requests`` GETs (cycling over ``paths``) from ``clients``
    threads, one connection per request as a CLI does; {p50_ms, p99_ms,
    requests_per_s, errors}."""
    latencies = []
    errors = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def client():
        while True:
            with lock:
                number = next(counter, None)
            if number is None:
                return
            path = paths[number % len(paths)]
            started = time.perf_counter()
            connection = http.client.HTTPConnection('127.0.0.1', port,
                                                    timeout=60)
            try:
                connection.request('GET', path, headers={
                    'X-Auth-Token': PROJECT, 'Accept': 'application/json'})
                response = connection.getresponse()
                body = response.read()
                ok = response.status == 200 and json.loads(body)
            except (OSError, http.client.HTTPException, ValueError) as error:
                ok, body = False, str(error)
            finally:
                connection.close()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(body[:200])

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(client) for _ in range(clients)]:
            future.result()
    wall = time.perf_counter() - started
    return {'requests': requests, 'clients': clients,
            'p50_ms': statistics.median(latencies) * 1000,
            'p99_ms': percentile(latencies, 0.99) * 1000,
            'requests_per_s': requests / wall, 'errors': len(errors)}


def api_latency(port, ids, requests):
    base = '/v1.0/%s/instances' % PROJECT
    results = {}
    for name, paths, count in (
            ('GET /instances (all %d)' % len(ids), [base], requests // 5),
            ('GET /instances?limit=20', [base + '?limit=20'], requests),
            ('GET /instances/{id}', ['%s/%s' % (base, instance_id)
                                     for instance_id in ids], requests)):
        load(port, paths, min(count, 20))   # warm the workers
        results[name] = load(port, paths, count)
    return results


def heartbeats(ids, rounds, senders=4):
    """Cast ``rounds`` heartbeats per seeded instance; the rate at which
    the conductor stored them (from the first cast until every instance's
    last heartbeat is stored), and the rate they were offered at."""
    # Each signs as its instance's guest would.
    signers = {instance_id: conductor_rpcapi.ConductorAPI(
        instance_id, keys.decrypt_key(
            instances_api.get_encrypted_key(instance_id)))
        for instance_id in ids}
    context = trove_context.admin_context()
    base = time.time()
    # Each round carries a later guest timestamp: the conductor drops a
    # heartbeat older than the one stored, so only the last round counts.
    final_sent = base + rounds

    def send(share):
        for round_number in range(1, rounds + 1):
            for instance_id in share:
                signers[instance_id].heartbeat(
                    context, instance_id, ServiceStatus.HEALTHY,
                    base + round_number)

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(senders) as pool:
        for future in [pool.submit(send, ids[number::senders])
                       for number in range(senders)]:
            future.result()
    sent_seconds = time.perf_counter() - started
    while _stored(ids, final_sent) < len(ids):
        time.sleep(0.05)
    absorbed_seconds = time.perf_counter() - started
    total = rounds * len(ids)
    return {'heartbeats': total,
            'offered_per_s': total / sent_seconds,
            'absorbed_per_s': total / absorbed_seconds,
            'lagged': absorbed_seconds > sent_seconds * 1.05}


@contextlib.contextmanager
def conductors(deployment, count):
    """``count`` conductors on the deployment's bus while the block runs
    (quickstart starts the extra ones; they are stopped by pid after)."""
    names = ['trove-conductor.%d' % n for n in range(2, count + 1)]
    result = deployment.quickstart('start', TROVE_CONDUCTORS=str(count))
    if result.returncode != 0:
        raise RuntimeError('quickstart failed: %s' % result.stderr)
    for name in names:
        deployment.wait_serving(name)
    try:
        yield
    finally:
        for name in names:
            os.kill(deployment.pid(name), signal.SIGTERM)


def _stored(ids, final_sent):
    # A reader: a write transaction would queue behind the conductor's.
    with db_session.reader() as session:
        return session.scalar(
            sa.select(sa.func.count()).select_from(models.ServiceStatus)
            .where(models.ServiceStatus.instance_id.in_(ids),
                   models.ServiceStatus.last_sent >= final_sent))
