"""Writers beside the conductor: what an API create and delete of an
instance row costs while the conductor stores heartbeats as fast as they
come, against the same writes with no heartbeat load (the baseline, from
the same run).

Each write is the API's own transaction (trove.db.api.instances:
create_instance, then mark_deleted), made from this process, a process
other than the conductor, as trove-api is. A write that fails ("database
is locked" after SQLite's busy timeout) is what a user would see as a 500.
"""
import datetime
import statistics
import threading
import time

from oslo_utils import timeutils
import sqlalchemy as sa

from trove.db.api import instances as instances_api
from trove.db import models
from trove.db import session as db_session

import bench_scale

PROJECT = 'scale-writes'


def _catalog():
    with db_session.reader() as session:
        version = session.scalars(sa.select(models.DatastoreVersion)).first()
        flavor = session.scalars(sa.select(models.Flavor)).first()
        return version.id, flavor.id


def _write_pair(version_id, flavor_id):
    deadline = timeutils.utcnow() + datetime.timedelta(seconds=60)
    instance = instances_api.create_instance(
        PROJECT, 'writer', flavor_id, 1, version_id, 'not-a-real-key',
        deadline)
    instances_api.mark_deleted(instance.id)


def _writes(until, version_id, flavor_id, pause=0.01):
    """Create/delete pairs until ``until()`` is true; latency of each pair
    (seconds) and the errors."""
    latencies, errors = [], []
    while not until():
        started = time.perf_counter()
        try:
            _write_pair(version_id, flavor_id)
        except Exception as error:  # what the API would turn into a 500
            errors.append(str(error)[:200])
        latencies.append(time.perf_counter() - started)
        time.sleep(pause)   # a steady trickle, as users' requests are
    return latencies, errors


def _figures(latencies, errors):
    return {'writes': len(latencies), 'failures': len(errors),
            'p50_ms': statistics.median(latencies) * 1000,
            'p99_ms': bench_scale.percentile(latencies, 0.99) * 1000,
            'max_ms': max(latencies) * 1000,
            'first_error': errors[0] if errors else None}


def beside_heartbeats(ids, rounds, baseline_writes=100):
    version_id, flavor_id = _catalog()
    count = iter(range(baseline_writes))
    alone = _figures(*_writes(lambda: next(count, None) is None,
                              version_id, flavor_id))
    done = threading.Event()
    loaded = {}

    def write_while_loaded():
        loaded['figures'] = _figures(*_writes(done.is_set, version_id,
                                              flavor_id))

    writer = threading.Thread(target=write_while_loaded)
    writer.start()
    try:
        beats = bench_scale.heartbeats(ids, rounds)
    finally:
        done.set()
        writer.join()
    return {'alone': alone, 'loaded': loaded['figures'],
            'heartbeats': beats}
