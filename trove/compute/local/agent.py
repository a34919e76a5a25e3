"""Starting and finding an instance's guest agent process."""
import os
import shlex
import subprocess
import sys

from oslo_log import log as logging
import psutil

from trove.common import exception
from trove.compute.local import process
from trove.compute.local import standby
from trove.conf import CONF

LOG = logging.getLogger(__name__)

# Marks every process of an instance: children inherit the environment,
# even those that daemonize away from the agent's process tree.
INSTANCE_ENV_KEY = 'TROVE_LOCAL_INSTANCE_ID'

# Agents this process started, kept so that their exit status is
# collected (no zombies) instead of being dropped with a warning.
_started = {}


def command(layout):
    configured = CONF.local_compute.guestagent_command
    if configured:
        argv = shlex.split(configured)
    else:
        argv = [os.path.join(os.path.dirname(sys.executable),
                             'trove-guestagent')]
    return argv + ['--config-file', layout.config_file]


def find(layout):
    """The running agent (psutil.Process), checked by start time, or None."""
    _collect_exited()
    return process.process_from_pid_file(layout.agent_pid_file)


def start(layout, cgroup):
    """Start the agent detached from us, inside the instance's cgroup:
    forked from the standby if it runs, else a new process."""
    argv = command(layout)
    environment = dict(os.environ)
    environment[INSTANCE_ENV_KEY] = layout.instance_id
    pid = standby.spawn(argv, layout.root, environment, layout.agent_log,
                        cgroup.procs_files() if cgroup else [])
    if pid is None:
        child = _spawn(layout, argv, environment, cgroup)
        _started[child.pid] = child
        pid = child.pid
    try:
        agent = process.write_pid_file(layout.agent_pid_file, pid)
    except (psutil.Error, OSError) as error:
        raise exception.ComputeError(
            reason='the guest agent of instance %s exited at once '
                   '(see %s): %s' % (layout.instance_id, layout.agent_log,
                                     error))
    LOG.info('Started guest agent of instance %s as pid %d',
             layout.instance_id, pid)
    return agent


def _spawn(layout, argv, environment, cgroup):
    try:
        with open(layout.agent_log, 'ab') as log:
            return subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, close_fds=True,
                start_new_session=True, cwd=layout.root, env=environment,
                preexec_fn=cgroup.joiner() if cgroup else None)
    except (OSError, subprocess.SubprocessError) as error:
        raise exception.ComputeError(
            reason='the guest agent of instance %s did not start (%s): %s'
                   % (layout.instance_id, ' '.join(argv), error))


def _collect_exited():
    # Deletes run side by side: two may collect the same child.
    for pid, child in list(_started.items()):
        if child.poll() is not None:
            _started.pop(pid, None)
