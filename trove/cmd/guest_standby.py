"""A guest agent started ahead of need: imports done, waiting for its
instance.

Starting Python and importing the agent's libraries is about a third of
a second, the largest step of a provisioning on the local compute driver.
The taskmanager keeps one such process ready (trove.compute.local.
standby) and, when a server is created, writes it one JSON line on stdin:
the agent's argv, working directory, environment, log file and cgroup.
The process then becomes that instance's agent, exactly as if it had been
started with that command. If the taskmanager goes away first (stdin
closes), it exits.
"""
import json
import os
import sys

# The costly imports, done before any instance needs them.
from stevedore import driver
from stevedore import extension

from trove.cmd import guest
from trove.guestagent.datastores import loader


def _preload_plugins():
    # Every engine's manager module, and oslo.messaging's RabbitMQ driver
    # (about 40 ms of the agent's first connection), imported now.
    extension.ExtensionManager(loader.NAMESPACE, invoke_on_load=False)
    driver.DriverManager('oslo.messaging.drivers', 'rabbit',
                         invoke_on_load=False)


def _lower_priority():
    # While waiting, the standby must not slow the instance being built.
    os.setpriority(os.PRIO_PROCESS, 0, 10)


def _restore_priority():
    try:
        os.setpriority(os.PRIO_PROCESS, 0, 0)
    except PermissionError:
        pass  # not root: the agent runs at the lower priority


def become(order):
    """Turn this process into the agent that ``order`` describes."""
    for procs_file in order['cgroup_procs']:
        with open(procs_file, 'w') as procs:
            procs.write('0')  # 0: the writing process
    os.chdir(order['cwd'])
    os.environ.clear()
    os.environ.update(order['env'])
    log = os.open(order['log'], os.O_WRONLY | os.O_APPEND | os.O_CREAT,
                  0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    _restore_priority()
    sys.argv = list(order['argv'])


def main(run=guest.main):
    _lower_priority()
    _preload_plugins()
    line = sys.stdin.buffer.readline()
    if not line.strip():
        return  # the taskmanager stopped before it needed us
    become(json.loads(line))
    run()


if __name__ == '__main__':
    main()
