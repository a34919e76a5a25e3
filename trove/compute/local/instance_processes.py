"""Finding and stopping every process an instance runs, by pid only.

Processes are found four ways, because each alone can miss some: the
cgroup (everything, where cgroups work), the agent's process tree, pid
files under the instance directory (engines that daemonize) and the
environment marker the agent was started with (all of its descendants,
even without cgroups).
"""
from oslo_log import log as logging

from trove.common import exception
from trove.compute.local import agent
from trove.compute.local import process
from trove.conf import CONF

LOG = logging.getLogger(__name__)

# A process may fork while its siblings are being stopped (an agent
# restarting its engine): look again a few times.
_ROUNDS = 3


def find_all(layout, cgroup):
    """{pid: psutil.Process} of everything the instance runs."""
    found = {}

    def add(processes):
        for each in processes:
            found.setdefault(each.pid, each)

    running_agent = agent.find(layout)
    if running_agent is not None:
        add(process.with_descendants(running_agent))
    for pid_file in layout.pid_files():
        owner = process.process_from_pid_file(pid_file)
        if owner is not None:
            add(process.with_descendants(owner))
    if cgroup is not None:
        add(filter(None, map(process.live_process, cgroup.pids())))
    add(process.processes_with_environment(agent.INSTANCE_ENV_KEY,
                                           layout.instance_id))
    return {pid: each for pid, each in found.items()
            if process.live_process(pid) is not None}


def stop_all(layout, cgroup, grace=None):
    """Stop every process of the instance; ``grace`` seconds (default
    process_stop_timeout) between SIGTERM and SIGKILL."""
    if grace is None:
        grace = CONF.local_compute.process_stop_timeout
    for _ in range(_ROUNDS):
        running = find_all(layout, cgroup)
        if not running:
            return
        LOG.info('Stopping pids %s of instance %s',
                 sorted(running), layout.instance_id)
        process.terminate(list(running.values()), grace)
    survivors = find_all(layout, cgroup)
    if survivors:
        raise exception.ComputeError(
            reason='processes %s of instance %s would not stop' % (
                sorted(survivors), layout.instance_id))
