"""Guest agents forked from a process that has already imported them.

Starting Python and importing the agent's libraries is about 0.4 s of
CPU, the largest step of a provisioning on the local compute driver, and
in a wave of creates the step that queues them all. The taskmanager keeps
this process (trove.compute.local.standby) and, for each new server,
writes it one JSON line on stdin: the agent's argv, working directory,
environment, log file and cgroup. It forks; the child becomes that
instance's agent, exactly as if it had been started with that command,
and the child's pid goes back on stdout. The process has no threads, so
forking it is safe; it reaps its children. When the taskmanager goes
away (stdin closes) it exits, and the agents it forked live on, as agents
started directly do.
"""
import ctypes
import importlib
import json
import os
import signal
import sys

# The costly imports, done before any instance needs them.
from stevedore import driver
from stevedore import extension

from trove.cmd import guest
from trove.guestagent.datastores import loader
from trove.guestagent import identity

PR_SET_NAME = 15
CONNECT_MODULES = ('kombu.transport.pyamqp', 'encodings.idna')


def _preload_plugins():
    # Every engine's manager module, and oslo.messaging's RabbitMQ driver
    # (about 40 ms of the agent's first connection), imported now.
    extension.ExtensionManager(loader.NAMESPACE, invoke_on_load=False)
    driver.DriverManager('oslo.messaging.drivers', 'rabbit',
                         invoke_on_load=False)
    # What the driver imports only as it connects (kombu's AMQP transport,
    # the IDNA codec of the broker's host name): 10-30 ms after the drop,
    # just before the agent serves.
    for module in CONNECT_MODULES:
        importlib.import_module(module)


def _name_process(name):
    # What ps -o comm and top show: the agent, not the standby it came
    # from (its command line stays the standby's).
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_NAME, ctypes.c_char_p(name.encode()[:15]), 0, 0,
                   0)
    except (OSError, AttributeError):
        pass


def become(order):
    """Turn this (forked) process into the agent ``order`` describes."""
    _name_process('trove-guest')
    # The standby ignores SIGCHLD to have its children reaped; the agent
    # must collect its own children's exit codes.
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setsid()
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
    sys.argv = list(order['argv'])


def _fork_agent(order, run):
    pid = os.fork()
    if pid:
        return pid
    # The child: whatever happens, it never returns into the loop.
    code = 1
    try:
        become(order)
        run()
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
        if not isinstance(stop.code, int) and stop.code is not None:
            print(stop.code, file=sys.stderr)
    except BaseException:
        import traceback
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def main(run=guest.main):
    # The import directories and entry points that each agent would
    # otherwise prepare before dropping to its user (a few ms of CPU per
    # agent); its own call then finds them ready.
    identity.prepare_imports()
    _preload_plugins()
    # Exited agents are reaped by the kernel: nobody waits for them here.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    orders = sys.stdin.buffer
    answers = sys.stdout
    for line in orders:
        if not line.strip():
            continue
        pid = _fork_agent(json.loads(line), run)
        answers.write('%d\n' % pid)
        answers.flush()


if __name__ == '__main__':
    main()
