"""Density: how many small instances of each engine one host holds.

Creates instances of the smallest flavor in waves (Redis first, then
MariaDB beside them) until the engine's limit is reached, MemAvailable
falls below a safety margin, or a wave has failures. Once an engine's
instances are ACTIVE, measures each one's engine processes and guest agent
apart, in PSS (/proc/PID/smaps_rollup: shared pages divided among the
processes sharing them, so agents forked from one standby are not counted
several times) and USS (private pages: what one more of them costs). Also
the control plane's RSS and PSS (API master and workers, taskmanager with
its standby agent, conductor, RabbitMQ) and MemAvailable before and after.

How many would fit in 24 GiB is an extrapolation from the instances
measured: (24 GiB - control plane PSS) / (engine PSS + agent PSS) per
instance. Everything is deleted at the end and checked gone.
"""
import concurrent.futures
import os
import statistics
import time

import psutil

import bench_concurrency

from trove.compute.local import agent
from trove.compute.local import cgroup as cgroup_module
from trove.compute.local import process

MiB = 2 ** 20
HOST_MB = 24 * 1024
WAVE = 10
POLL_SECONDS = 0.2
CREATE_TIMEOUT = 600
SMAPS_FIELDS = ('Rss', 'Pss', 'Private_Clean', 'Private_Dirty', 'Swap')


def parse_smaps_rollup(text):
    """{field: bytes} of the kB lines of a smaps_rollup."""
    found = {}
    for line in text.splitlines():
        name, _, value = line.partition(':')
        fields = value.split()
        if len(fields) == 2 and fields[1] == 'kB' and fields[0].isdigit():
            found[name.strip()] = int(fields[0]) * 1024
    return found


def memory_of(pid):
    """{'pss', 'uss', 'rss'} in bytes of ``pid``, or None once gone."""
    try:
        with open('/proc/%d/smaps_rollup' % pid) as rollup:
            found = parse_smaps_rollup(rollup.read())
    except (FileNotFoundError, ProcessLookupError):
        return None
    return {'pss': found.get('Pss', 0), 'rss': found.get('Rss', 0),
            'uss': found.get('Private_Clean', 0) +
            found.get('Private_Dirty', 0)}


def parse_mem_available_mb(meminfo_text):
    for line in meminfo_text.splitlines():
        if line.startswith('MemAvailable:'):
            return int(line.split()[1]) / 1024
    raise ValueError('no MemAvailable line')


def mem_available_mb():
    with open('/proc/meminfo') as meminfo:
        return parse_mem_available_mb(meminfo.read())


def extrapolate(per_instance_mb, host_mb=HOST_MB, reserved_mb=0):
    """How many instances of ``per_instance_mb`` fit in ``host_mb`` once
    ``reserved_mb`` (the control plane) is taken."""
    if per_instance_mb <= 0:
        raise ValueError('per-instance memory must be positive')
    return max(0, int((host_mb - reserved_mb) // per_instance_mb))


def _sum(pids):
    total = {'pss': 0, 'uss': 0, 'rss': 0}
    for pid in pids:
        figures = memory_of(pid) or {}
        for key in total:
            total[key] += figures.get(key, 0)
    return total


def _marked_processes():
    """{instance id: pids} of processes carrying the agent's marker."""
    found = {}
    for each in psutil.process_iter():
        try:
            instance_id = each.environ().get(agent.INSTANCE_ENV_KEY)
        except psutil.Error:
            continue
        if instance_id:
            found.setdefault(instance_id, set()).add(each.pid)
    return found


def instance_processes(state_dir, instance_ids):
    """{id: ({agent pids}, {engine pids}, {pid: name})}. The instance's
    processes are its cgroup's, the agent's descendants and those with
    the environment marker; the agent's part is the process its pid file
    names and its copies (the root helper it forks shares its name), the
    engine's is the rest."""
    marked = _marked_processes()
    found = {}
    for instance_id in instance_ids:
        agent_pid, _ = process.read_pid_file(os.path.join(
            state_dir, 'instance_control', instance_id, 'guestagent.pid'))
        pids = set(marked.get(instance_id, ()))
        group = cgroup_module.instance_cgroup(instance_id)
        if group is not None:
            pids.update(group.pids())
        agent_name = None
        if agent_pid is not None:
            try:
                running_agent = psutil.Process(agent_pid)
                agent_name = running_agent.name()
                pids.add(agent_pid)
                pids.update(child.pid for child in
                            running_agent.children(recursive=True))
            except psutil.Error:
                pass
        names = {}
        for pid in pids:
            try:
                names[pid] = psutil.Process(pid).name()
            except psutil.Error:
                continue
        agents = {pid for pid, name in names.items() if name == agent_name}
        found[instance_id] = (agents, set(names) - agents, names)
    return found


def measure_instances(state_dir, instance_ids):
    """Per-instance MiB figures (medians and means) of engine and agent
    (with its root helper), and of the agent's processes one by one."""
    agents, engines, processes, names = [], [], [], set()
    for agent_pids, engine_pids, pid_names in instance_processes(
            state_dir, instance_ids).values():
        if agent_pids:
            agents.append(_sum(agent_pids))
            processes.extend(_sum([pid]) for pid in agent_pids)
        engines.append(_sum(engine_pids))
        names.update(pid_names[pid] for pid in engine_pids)

    def figures(samples):
        if not samples:
            return {}
        return {'%s_%s_mb' % (how, key): function(
            [each[key] for each in samples]) / MiB
            for key in ('pss', 'uss', 'rss')
            for how, function in (('median', statistics.median),
                                  ('mean', statistics.mean))}
    return {'measured': len(instance_ids), 'agents_found': len(agents),
            'agent_processes': len(processes),
            'agent': figures(agents), 'engine': figures(engines),
            'agent_process': figures(processes),
            'engine_process_names': sorted(names)}


def control_plane(state_dir, cgroup_prefix):
    """{rss_mb, pss_mb} of each part of the control plane and in all."""
    parts = {name: bench_concurrency.control_plane_processes(
        state_dir, cgroup_prefix, (name,))
        for name in ('trove-api', 'trove-taskmanager', 'trove-conductor')}
    rabbit = []
    for pid_file in ('rabbitmq.pid', 'epmd.pid'):
        owner, _ = process.read_pid_file(
            os.path.join(state_dir, 'rabbitmq', pid_file))
        if owner is not None:
            try:
                rabbit.append(psutil.Process(owner))
                rabbit.extend(rabbit[-1].children(recursive=True))
            except psutil.Error:
                continue
    parts['rabbitmq'] = rabbit
    found = {}
    for name, members in parts.items():
        total = _sum({member.pid for member in members})
        found[name] = {'rss_mb': total['rss'] / MiB,
                       'pss_mb': total['pss'] / MiB,
                       'processes': len(members)}
    found['total'] = {key: sum(part[key] for part in found.values())
                      for key in ('rss_mb', 'pss_mb', 'processes')}
    return found


def _statuses(trove, ids):
    return {instance.id: instance.status
            for instance in trove.instances.list(limit=1000)
            if instance.id in ids}


def _wave(trove, engine, version, first, count):
    """(ACTIVE ids, every id created, failures) of one wave."""
    def create(number):
        try:
            return trove.instances.create(
                'density-%s-%03d' % (engine, number), '1',
                volume={'size': 1}, datastore=engine,
                datastore_version=version).id
        except Exception as error:   # a refused POST is a failure
            return error

    with concurrent.futures.ThreadPoolExecutor(count) as pool:
        created = list(pool.map(create, range(first, first + count)))
    ids = {each for each in created if isinstance(each, str)}
    started = time.monotonic()
    statuses = {}
    while time.monotonic() - started < CREATE_TIMEOUT:
        statuses = _statuses(trove, ids)
        if all(status in ('ACTIVE', 'ERROR')
               for status in statuses.values()):
            break
        time.sleep(POLL_SECONDS)
    active = {each for each, status in statuses.items()
              if status == 'ACTIVE'}
    return active, ids, len(created) - len(active)


def fill(trove, engine, version, limit, margin_mb, created_ids):
    """Create until ``limit``, the margin or a failure; ACTIVE ids and
    why it stopped. Every id created is added to ``created_ids``."""
    active = set()
    started = time.monotonic()
    stopped = 'limit'
    while len(active) < limit:
        if mem_available_mb() < margin_mb:
            stopped = 'MemAvailable below %d MB' % margin_mb
            break
        wave_active, wave_ids, failures = _wave(
            trove, engine, version, len(active),
            min(WAVE, limit - len(active)))
        created_ids.update(wave_ids)
        active |= wave_active
        if failures:
            stopped = '%d creates failed' % failures
            break
    return active, {'stopped': stopped,
                    'seconds': time.monotonic() - started}


def leftovers(trove, state_dir, ids):
    """What is left of ``ids``: API rows, control dirs, processes."""
    control = os.path.join(state_dir, 'instance_control')
    marked = _marked_processes()
    return {'api': len(_statuses(trove, ids)),
            'control_dirs': len([each for each in ids if os.path.isdir(
                os.path.join(control, each))]),
            'processes': sum(len(marked.get(each, ())) for each in ids)}


def delete_all(trove, state_dir, ids, timeout=CREATE_TIMEOUT):
    def delete(instance_id):
        try:
            trove.instances.delete(instance_id)
        except Exception as error:   # counted below, as a leftover
            return error

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(WAVE) as pool:
        list(pool.map(delete, ids))
    while time.monotonic() - started < timeout and _statuses(trove, ids):
        time.sleep(POLL_SECONDS)
    return dict(leftovers(trove, state_dir, ids),
                seconds=time.monotonic() - started)


def capacity(engine_figures, control_plane_pss_mb):
    """The extrapolations for one engine's measured figures: by PSS
    (engine + agent), and by the host's MemAvailable drop per instance
    (which also counts the kernel's share: page tables, sockets, the
    broker's queues; and whatever else ran on the host meanwhile)."""
    per_instance = (engine_figures['agent'].get('mean_pss_mb', 0) +
                    engine_figures['engine']['mean_pss_mb'])
    found = {'per_instance_pss_mb': per_instance,
             'fit_in_24gib': extrapolate(per_instance, HOST_MB,
                                         control_plane_pss_mb),
             'from_measured': engine_figures['measured']}
    drop = engine_figures.get('mem_available_drop_mb', 0)
    if drop > 0:
        found['per_instance_drop_mb'] = drop / engine_figures['measured']
        found['fit_in_24gib_by_drop'] = extrapolate(
            found['per_instance_drop_mb'], HOST_MB, control_plane_pss_mb)
    return found


def table_rows(found):
    """Rows of benchmark.py's table for the density section."""
    rows = []
    for engine in ('redis', 'mariadb'):
        figures = found[engine]
        rows.append(('density', '%s instances created' % engine,
                     '%d' % figures['created'], figures['stopped'],
                     '%.0f s' % figures['seconds']))
        if not figures['created']:
            continue
        for part, label in (('engine', 'engine'),
                            ('agent', '%d agent processes' % (
                                figures['agent_processes'] //
                                max(1, figures['agents_found'])))):
            each = figures[part]
            if each:
                rows.append(('density',
                             '%s %s per instance' % (engine, label),
                             'PSS %.1f MB' % each['mean_pss_mb'],
                             'USS %.1f MB' % each['mean_uss_mb'],
                             'RSS %.1f MB' % each['mean_rss_mb']))
        fit = figures['capacity']
        rows.append(('density', '%s in 24 GiB by PSS (extrapolated)' % engine,
                     '%d' % fit['fit_in_24gib'],
                     '%.1f MB each' % fit['per_instance_pss_mb'],
                     'from %d measured' % fit['from_measured']))
        if 'fit_in_24gib_by_drop' in fit:
            rows.append(('density', '%s in 24 GiB by MemAvailable drop'
                         % engine, '%d' % fit['fit_in_24gib_by_drop'],
                         '%.1f MB each' % fit['per_instance_drop_mb'],
                         'from %d measured' % fit['from_measured']))
    for label, key in (('idle', 'control_plane_idle'),
                       ('loaded', 'control_plane_loaded')):
        plane = found.get(key)
        if plane:
            rows.append(('density', 'control plane %s' % label,
                         'RSS %.0f MB' % plane['total']['rss_mb'],
                         'PSS %.0f MB' % plane['total']['pss_mb'],
                         ', '.join('%s %.0f' % (name, part['pss_mb'])
                                   for name, part in plane.items()
                                   if name != 'total')))
    rows.append(('density', 'MemAvailable before / after',
                 '%.0f MB' % found['mem_available_before_mb'],
                 '%.0f MB' % found.get('mem_available_after_mb', 0), ''))
    cleanup = found['cleanup']
    rows.append(('density', 'all deleted',
                 '%.1f s' % cleanup['seconds'],
                 '%d left' % (cleanup['api'] + cleanup['control_dirs'] +
                              cleanup['processes']), ''))
    return rows
