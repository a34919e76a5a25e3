#!/usr/bin/env python3
"""The benchmark suite: where the product stands against its floors.

Starts a private deployment through tools/quickstart.sh (ports and
addresses of its own), measures each section below, prints one table and
writes the figures, with the machine they came from, to a JSON file.
Cleans up after itself. Run it through ./tools/benchmark.sh.

Sections (each figure a median or percentile over repeated runs, beside
its baseline from the same run):
  provisioning  POST -> ACTIVE per engine beside the engine's bootstrap
                floor by hand; DELETE -> gone
  concurrency   20 MariaDB and 50 Redis created at once: time until all
                are ACTIVE, failures, peak control-plane memory
  scale         1,000 instance rows: GET /instances, /instances/{id}
                p50/p99 and requests/s; heartbeats/s the conductor absorbs,
                with one conductor and with two; API writes (instance
                create+delete) alone and beside the heartbeat load; on
                the control DB TROVE_DATABASE names (sqlite, mariadb,
                postgresql), as the quickstart does
  rpc           a guest's list_databases round trip beside a bare
                oslo.messaging ping
  backup        backup and restore throughput beside the raw pipeline

Not run unless named (it takes several minutes and fills the host):
  density       Redis (--density-redis, 50), then MariaDB beside them
                (--density-mariadb, 20), created in waves until the limit,
                MemAvailable below --density-margin-mb or a failed create:
                PSS and USS of each instance's engine and agent, the control
                plane's RSS and PSS, and how many would fit in 24 GiB (an
                extrapolation from the measured instances)
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import uuid

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(TOOLS)
sys.path[:0] = [REPO, TOOLS]

import bench_concurrency  # noqa: E402
import bench_density  # noqa: E402
import bench_rpc  # noqa: E402
import bench_scale  # noqa: E402
import bench_writers  # noqa: E402
import benchmark_backup  # noqa: E402
import benchmark_provision  # noqa: E402

from trove.common.rpc import transport  # noqa: E402
from trove.conf import CONF  # noqa: E402
from trove.tests.functional import deployment as deployment_module  # noqa
from trove.tests.functional import waiters  # noqa: E402

# Its own API port (TROVE_BENCH_API_PORT when another program has it).
BENCH_API_PORT = int(os.environ.get('TROVE_BENCH_API_PORT', 28779))
SECTIONS = ('provisioning', 'concurrency', 'scale', 'rpc', 'backup')
OPTIONAL_SECTIONS = ('density',)
ENGINES = ('mariadb', 'postgresql', 'redis')


def _version(trove, engine):
    return trove.datastore_versions.list(engine)[0].name


def provisioning(context, args):
    return {engine: benchmark_provision.provisioning(context.trove, engine,
                                                     args.runs)
            for engine in ENGINES}


def concurrency(context, args):
    # A project of its own, with room for the largest wave.
    project = uuid.uuid4().hex
    bench_concurrency.raise_quota(
        context.deployment.client(token=context.deployment.admin_token()),
        project, max(args.mariadb_at_once, args.redis_at_once))
    trove = context.deployment.client(project=project, token=project)
    results = {'idle_control_plane_mb': bench_concurrency.
               control_plane_rss_mb(context.deployment.state_dir,
                                    context.deployment.cgroup_prefix)}
    for engine, count in (('mariadb', args.mariadb_at_once),
                          ('redis', args.redis_at_once)):
        with bench_concurrency.PeakSampler(
                context.deployment.state_dir,
                context.deployment.cgroup_prefix) as sampler:
            found = bench_concurrency.create_and_delete_at_once(
                trove, engine, _version(trove, engine), count, '1')
        found['peak_control_plane_mb'] = sampler.peak
        results[engine] = found
    return results


def control_db_backend():
    """What the deployment's control DB runs on (TROVE_DATABASE)."""
    scheme = CONF.database.connection.split(':', 1)[0].split('+', 1)[0]
    return {'mysql': 'mariadb'}.get(scheme, scheme)


def scale(context, args):
    ids = bench_scale.seed_instances(args.rows)
    try:
        found = {'rows': args.rows, 'control_db': control_db_backend(),
                 'api': bench_scale.api_latency(context.deployment.api_port,
                                                ids, args.requests),
                 'heartbeats': bench_scale.heartbeats(ids, args.rounds)}
        # API writes from another process beside that load.
        found['writers'] = bench_writers.beside_heartbeats(ids, args.rounds)
        # The same load on two conductors sharing the bus and the DB.
        with bench_scale.conductors(context.deployment, 2):
            found['heartbeats_2'] = bench_scale.heartbeats(ids, args.rounds)
        return found
    finally:
        bench_scale.remove_instances(ids)


def rpc(context, args):
    trove = context.trove
    instance = trove.instances.create(
        'bench-rpc', '2', volume={'size': 1}, datastore='mariadb',
        datastore_version=_version(trove, 'mariadb'),
        databases=[{'name': 'mydb'}])
    try:
        waiters.wait_for_status(trove, instance.id, ['ACTIVE'])
        return {'guest_list_databases': bench_rpc.guest_round_trip(
            instance.id, args.calls),
            'bare_ping': bench_rpc.bare_round_trip(
            context.deployment.config_file, args.calls)}
    finally:
        trove.instances.delete(instance.id)
        waiters.wait_until_gone(trove, instance.id)


def backup(context, args):
    return {engine: benchmark_backup.bench(context.deployment, context.trove,
                                           engine, args.mb, args.backup_runs)
            for engine in ('mariadb', 'postgresql')}


def density(context, args):
    deployment = context.deployment
    state_dir, prefix = deployment.state_dir, deployment.cgroup_prefix
    project = uuid.uuid4().hex
    bench_concurrency.raise_quota(
        deployment.client(token=deployment.admin_token()), project,
        args.density_redis + args.density_mariadb)
    trove = deployment.client(project=project, token=project)
    results = {'margin_mb': args.density_margin_mb,
               'mem_available_before_mb': bench_density.mem_available_mb(),
               'control_plane_idle': bench_density.control_plane(
                   state_dir, prefix)}
    created = set()
    try:
        for engine, limit in (('redis', args.density_redis),
                              ('mariadb', args.density_mariadb)):
            before = bench_density.mem_available_mb()
            active, found = bench_density.fill(
                trove, engine, _version(trove, engine), limit,
                args.density_margin_mb, created)
            found.update(bench_density.measure_instances(state_dir, active))
            found['created'] = len(active)
            found['mem_available_drop_mb'] = \
                before - bench_density.mem_available_mb()
            results[engine] = found
        results['control_plane_loaded'] = bench_density.control_plane(
            state_dir, prefix)
        results['mem_available_after_mb'] = bench_density.mem_available_mb()
    finally:
        results['cleanup'] = bench_density.delete_all(trove, state_dir,
                                                      created)
    reserved = results['control_plane_loaded']['total']['pss_mb']
    for engine in ('redis', 'mariadb'):
        if results[engine]['created']:
            results[engine]['capacity'] = bench_density.capacity(
                results[engine], reserved)
    return results


def machine():
    def first_line(command):
        try:
            return subprocess.run(command, capture_output=True, text=True,
                                  timeout=30).stdout.splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return None

    model = None
    with open('/proc/cpuinfo') as cpuinfo:
        for line in cpuinfo:
            if line.startswith('model name'):
                model = line.split(':', 1)[1].strip()
                break
    with open('/proc/meminfo') as meminfo:
        ram_kb = int(meminfo.readline().split()[1])
    return {'cpu': model, 'cores': os.cpu_count(),
            'ram_gb': round(ram_kb / 2 ** 20, 1),
            'kernel': platform.release(), 'python': platform.python_version(),
            'mariadb': first_line(['mariadbd', '--version']),
            'postgresql': first_line(['psql', '--version']),
            'redis': first_line(['redis-server', '--version']),
            'rabbitmq': first_line(['dpkg-query', '-W', '-f',
                                    '${Version}', 'rabbitmq-server']),
            'commit': first_line(['git', '-C', REPO, 'rev-parse', '--short',
                                  'HEAD'])}


class Context(object):

    def __init__(self, deployment):
        self.deployment = deployment
        self.trove = deployment.client()


def run(args):
    deployment = deployment_module.Deployment(
        api_port=BENCH_API_PORT, rabbit_port=5699,
        address_pool='127.89.0.0/16',
        cgroup_prefix='trove-benchmark', prefix='trove-benchmark-',
        build_timeout=600)
    results = {'date': datetime.datetime.now(datetime.timezone.utc)
               .isoformat(timespec='seconds'), 'machine': machine(),
               'seconds': {}}
    started = time.monotonic()
    try:
        deployment.start()
        results['seconds']['start'] = time.monotonic() - started
        # The benchmark speaks to the control DB and RabbitMQ directly for
        # the scale and rpc sections, as the services do.
        CONF(['--config-file', deployment.config_file], project='trove')
        context = Context(deployment)
        for section in args.sections:
            print('[benchmark] %s...' % section, file=sys.stderr, flush=True)
            section_started = time.monotonic()
            results[section] = globals()[section](context, args)
            results['seconds'][section] = time.monotonic() - section_started
    finally:
        transport.reset()   # before RabbitMQ goes: no reconnect attempts
        deployment.stop()
        deployment.remove()
    results['seconds']['total'] = time.monotonic() - started
    return results


def print_table(results):
    rows = []
    add = rows.append
    found = results.get('provisioning')
    if found:
        for engine, figures in found.items():
            median = statistics.median(figures['runs'])
            floor = statistics.median(figures['floors'])
            add(('provisioning', '%s POST -> ACTIVE' % engine,
                 '%.2f s' % median, 'floor %.2f s' % floor,
                 '%.2fx' % (median / floor)))
        for engine, figures in found.items():
            add(('delete', '%s DELETE -> gone' % engine,
                 '%.2f s' % statistics.median(figures['deletes']), '', ''))
    found = results.get('concurrency')
    if found:
        for engine in ('mariadb', 'redis'):
            figures = found[engine]
            add(('concurrency', '%d %s at once: all ACTIVE'
                 % (figures['instances'], engine),
                 '%.1f s' % figures['seconds_to_all_active'],
                 '%d failures' % figures['failures'],
                 'peak %.0f MB' % figures['peak_control_plane_mb']))
            add(('concurrency', '%d %s at once: all gone'
                 % (figures['instances'], engine),
                 '%.1f s' % figures['seconds_to_all_gone'],
                 '%d left' % figures['left'], ''))
        add(('concurrency', 'control plane idle RSS',
             '%.0f MB' % found['idle_control_plane_mb'], '', ''))
    found = results.get('scale')
    if found:
        for name, figures in found['api'].items():
            add(('scale', '%s, %d rows' % (name, found['rows']),
                 'p50 %.1f ms' % figures['p50_ms'],
                 'p99 %.1f ms' % figures['p99_ms'],
                 '%.0f req/s%s' % (figures['requests_per_s'],
                                   ', %d errors' % figures['errors']
                                   if figures['errors'] else '')))
        beats = found['heartbeats']
        on = ' (%s)' % found.get('control_db', 'sqlite')
        add(('scale', 'heartbeats absorbed by the conductor' + on,
             '%.0f /s' % beats['absorbed_per_s'],
             'offered %.0f /s' % beats['offered_per_s'],
             'lagged' if beats['lagged'] else 'kept up'))
        writers = found.get('writers')
        if writers:
            for label, key in (('alone', 'alone'),
                               ('beside heartbeat load', 'loaded')):
                figures = writers[key]
                add(('scale', 'API instance create+delete, %s' % label,
                     'p50 %.1f ms' % figures['p50_ms'],
                     'p99 %.1f ms, max %.0f ms' % (figures['p99_ms'],
                                                   figures['max_ms']),
                     '%d writes, %d failed' % (figures['writes'],
                                               figures['failures'])))
        two = found.get('heartbeats_2')
        if two:
            add(('scale', 'heartbeats absorbed by 2 conductors' + on,
                 '%.0f /s' % two['absorbed_per_s'],
                 'offered %.0f /s' % two['offered_per_s'],
                 '%.2fx one' % (two['absorbed_per_s']
                                / beats['absorbed_per_s'])))
    found = results.get('rpc')
    if found:
        guest, bare = found['guest_list_databases'], found['bare_ping']
        add(('rpc', 'guest list_databases round trip',
             'p50 %.1f ms' % guest['p50_ms'], 'p99 %.1f ms' % guest['p99_ms'],
             '%.2fx bare' % (guest['p50_ms'] / bare['p50_ms'])))
        add(('rpc', 'bare oslo.messaging ping',
             'p50 %.1f ms' % bare['p50_ms'], 'p99 %.1f ms' % bare['p99_ms'],
             ''))
    found = results.get('backup')
    if found:
        for engine, figures in found.items():
            for _, what, rate, raw_rate, ratio in \
                    benchmark_backup.table_rows(engine, figures):
                add(('backup', '%s %s (%.0f MB)' % (engine, what,
                                                    figures['raw_mb']),
                     '%.0f MB/s' % rate, 'raw %.0f MB/s' % raw_rate,
                     '%.2fx' % ratio))
    found = results.get('density')
    if found:
        rows.extend(bench_density.table_rows(found))
    widths = [max(len(row[column]) for row in rows) for column in range(5)]
    for row in rows:
        print('  '.join(cell.ljust(width)
                        for cell, width in zip(row, widths)).rstrip())
    machine_info = results['machine']
    print('machine: %s, %s cores, %s GB RAM, kernel %s; %.0f s in all' % (
        machine_info['cpu'], machine_info['cores'], machine_info['ram_gb'],
        machine_info['kernel'], results['seconds']['total']))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--sections', default=','.join(SECTIONS),
                        help='comma-separated, of: %s' % ', '.join(
                            SECTIONS + OPTIONAL_SECTIONS))
    parser.add_argument('--json', default='benchmark-results.json',
                        help='where the figures are written')
    parser.add_argument('--runs', type=int, default=5,
                        help='provisioning runs per engine')
    parser.add_argument('--mariadb-at-once', type=int, default=20)
    parser.add_argument('--redis-at-once', type=int, default=50)
    parser.add_argument('--rows', type=int, default=1000,
                        help='instance rows for the scale section')
    parser.add_argument('--requests', type=int, default=1000,
                        help='GETs per API figure')
    parser.add_argument('--rounds', type=int, default=10,
                        help='heartbeats per seeded instance')
    parser.add_argument('--calls', type=int, default=300,
                        help='RPC calls per figure')
    parser.add_argument('--mb', type=int, default=200,
                        help='database size for the backup section')
    parser.add_argument('--backup-runs', type=int, default=3,
                        help='backups and restores per engine')
    parser.add_argument('--density-redis', type=int, default=50,
                        help='most Redis instances the density section '
                        'creates')
    parser.add_argument('--density-mariadb', type=int, default=20,
                        help='most MariaDB instances the density section '
                        'creates')
    parser.add_argument('--density-margin-mb', type=int, default=2048,
                        help='the density section stops creating below '
                        'this MemAvailable')
    args = parser.parse_args()
    args.sections = [name for name in args.sections.split(',') if name]
    unknown = set(args.sections) - set(SECTIONS + OPTIONAL_SECTIONS)
    if unknown:
        parser.error('unknown sections: %s' % ', '.join(sorted(unknown)))
    results = run(args)
    with open(args.json, 'w') as out:
        json.dump(results, out, indent=2, sort_keys=True)
    print_table(results)
    print('figures written to %s' % os.path.abspath(args.json))


if __name__ == '__main__':
    main()
