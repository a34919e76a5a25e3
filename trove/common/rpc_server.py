"""Run an RPC server (plus periodic tasks) until SIGTERM or SIGINT."""
import signal
import threading

from oslo_log import log as logging
import oslo_messaging as messaging

from trove.common.rpc import transport as rpc_transport

LOG = logging.getLogger(__name__)


class PeriodicTask(object):
    """Calls ``func`` every ``interval`` seconds in its own thread; an error
    is logged and the task goes on, because a reaper must never die."""

    def __init__(self, func, interval):
        self.func = func
        self.interval = interval

    def run(self, stopping):
        while not stopping.wait(self.interval):
            try:
                self.func()
            except Exception:
                LOG.exception('Periodic task %s failed',
                              getattr(self.func, '__name__', self.func))


def serve(topic, server, endpoints, serializer=None, periodic_tasks=(),
          transport=None):
    stopping = threading.Event()

    def _stop(signum, _frame):
        LOG.info('Signal %d received, stopping.', signum)
        stopping.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)

    target = messaging.Target(topic=topic, server=server)
    rpc_server = rpc_transport.get_server(target, endpoints, serializer,
                                          transport=transport)
    rpc_server.start()
    LOG.info('Serving %s as %s.', topic, server)
    threads = [threading.Thread(target=task.run, args=(stopping,),
                                daemon=True) for task in periodic_tasks]
    for thread in threads:
        thread.start()
    while not stopping.wait(1):
        pass
    rpc_server.stop()
    rpc_server.wait()
    rpc_transport.reset()
