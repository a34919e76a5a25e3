"""Concurrency: many instances created at once, then deleted at once.

Sends every POST /instances at the same moment (one thread each, as many
users would), polls the list until each instance is ACTIVE or ERROR, then
deletes them all at once and waits until the list no longer shows them.
Meanwhile a sampler records the control plane's resident memory (API
master and workers, conductor, taskmanager and its standby agents; not
the instances' agents and engines), whose peak is reported.
"""
import concurrent.futures
import glob
import os
import threading
import time

import psutil

from trove.compute.local import process

POLL_SECONDS = 0.1
SAMPLE_SECONDS = 0.25


def control_plane_rss_mb(state_dir, cgroup_prefix):
    """RSS of the control plane's processes, in MiB."""
    total = 0
    for member in control_plane_processes(state_dir, cgroup_prefix):
        try:
            total += member.memory_info().rss
        except psutil.Error:
            continue   # gone meanwhile
    return total / 2 ** 20


def control_plane_processes(state_dir, cgroup_prefix, names=(
        'trove-api', 'trove-conductor', 'trove-taskmanager')):
    """psutil.Process of the services ``names`` and their children. A
    process that joined an instance's cgroup (an agent, an engine), or
    that a server took as its agent (a standby still finishing its
    imports), is the instance's."""
    agents = _agent_pids(os.path.join(state_dir, 'instance_control'))
    found = []
    for name in names:
        with open(os.path.join(state_dir, 'run', name + '.pid')) as pidfile:
            service = psutil.Process(int(pidfile.read()))
        try:
            members = [service] + service.children(recursive=True)
        except psutil.Error:
            continue
        found.extend(member for member in members
                     if member.pid not in agents and
                     not _in_instance_cgroup(member.pid, cgroup_prefix))
    return found


def _in_instance_cgroup(pid, cgroup_prefix):
    try:
        with open('/proc/%d/cgroup' % pid) as cgroups:
            return any('/%s/' % cgroup_prefix in line for line in cgroups)
    except OSError:
        return False


def _agent_pids(control_root):
    pids = set()
    for pid_file in glob.glob(os.path.join(control_root, '*',
                                           'guestagent.pid')):
        pid, _ = process.read_pid_file(pid_file)
        if pid is not None:
            pids.add(pid)
    return pids


class PeakSampler(object):
    """Samples control_plane_rss_mb in a thread; .peak once stopped."""

    def __init__(self, state_dir, cgroup_prefix):
        self._args = (state_dir, cgroup_prefix)
        self._stop = threading.Event()
        self.peak = 0.0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, control_plane_rss_mb(*self._args))
            self._stop.wait(SAMPLE_SECONDS)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _statuses(trove, ids):
    return {instance.id: instance.status
            for instance in trove.instances.list(limit=1000)
            if instance.id in ids}


def raise_quota(admin, project, instances):
    """Room for ``instances`` of 1 GB in ``project`` (admin client)."""
    admin.quota.update(project, {'instances': instances,
                                 'volumes': instances})


def create_and_delete_at_once(trove, engine, version, count, flavor,
                              timeout=600):
    """{seconds_to_all_active, failures, seconds_to_all_gone, ...} in the
    project of ``trove``, whose quota must leave room for ``count``."""
    def create(number):
        try:
            return trove.instances.create(
                'bench-%s-%02d' % (engine, number), flavor,
                volume={'size': 1}, datastore=engine,
                datastore_version=version).id
        except Exception as error:   # a refused POST is a failure
            return error

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(count) as pool:
        created = list(pool.map(create, range(count)))
    ids = {each for each in created if isinstance(each, str)}
    refusals = sorted({str(each) for each in created
                       if not isinstance(each, str)})
    statuses = {}
    while time.monotonic() - started < timeout:
        statuses = _statuses(trove, ids)
        if all(status in ('ACTIVE', 'ERROR')
               for status in statuses.values()):
            break
        time.sleep(POLL_SECONDS)
    to_active = time.monotonic() - started
    errors = sum(1 for status in statuses.values() if status != 'ACTIVE')

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(count) as pool:
        list(pool.map(trove.instances.delete, ids))
    while time.monotonic() - started < timeout and _statuses(trove, ids):
        time.sleep(POLL_SECONDS)
    return {'instances': count, 'seconds_to_all_active': to_active,
            'failures': len(created) - len(ids) + errors,
            'refusals': refusals,
            'seconds_to_all_gone': time.monotonic() - started,
            'left': len(_statuses(trove, ids))}
