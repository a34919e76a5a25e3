"""trove-api: serves the REST API with gunicorn's pre-fork workers, each
with threads (trove.api.worker).

The master only parses config, sets up logging and forks; each worker
builds the application itself (no preload), so the DB engine and the RPC
transport, both created on first use, are always a worker's own and never
shared across a fork.
"""
import sys

from gunicorn.app import base as gunicorn_base
from gunicorn import glogging
from oslo_log import log as logging

from trove.api.middleware import auth
from trove.cmd import common
from trove.conf import CONF

LOG = logging.getLogger(__name__)


class _OsloLogger(glogging.Logger):
    """gunicorn's own messages (workers, timeouts, access lines) go to the
    handlers oslo.log set up (--log-file), instead of to stderr."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in list(log.handlers):
                log.removeHandler(handler)
            log.propagate = True


def bind_address(host, port):
    if ':' in host:  # IPv6
        return '[%s]:%d' % (host, port)
    return '%s:%d' % (host, port)


class ApiServer(gunicorn_base.BaseApplication):

    def load_config(self):
        settings = {
            'bind': [bind_address(CONF.api.bind_host, CONF.api.bind_port)],
            'workers': CONF.api.workers,
            'worker_class': 'trove.api.worker.DeadlineThreadWorker',
            'threads': CONF.api.threads,
            'keepalive': CONF.api.keepalive,
            # More connections than threads may wait, idle, on the poller.
            'worker_connections': CONF.api.threads * 10,
            'preload_app': False,
            'proc_name': 'trove-api',
            'logger_class': _OsloLogger,
            # Enables access lines; _OsloLogger routes them to oslo.log.
            'accesslog': '-',
            'errorlog': '-',
        }
        # gunicorn >= 25 opens a control socket at one per-user path; two
        # trove-api on a host (e.g. tests beside a deployment) would fight
        # over it, and nothing here uses it.
        if 'control_socket_disable' in self.cfg.settings:
            settings['control_socket_disable'] = True
        for key, value in settings.items():
            self.cfg.set(key, value)

    def load(self):
        # Runs in each worker, after the fork.
        from trove.api import app
        return app.setup_app()


def main():
    common.setup(name='trove-api')
    problem = auth.configuration_problem()
    if problem:
        LOG.error('trove-api cannot start: %s', problem)
        sys.exit('trove-api cannot start: %s' % problem)
    if not CONF.inst_rpc_key_encr_key:
        LOG.warning('inst_rpc_key_encr_key is not set: creating instances '
                    'will fail.')
    LOG.info('trove-api listening on %s with %d workers of %d threads',
             bind_address(CONF.api.bind_host, CONF.api.bind_port),
             CONF.api.workers, CONF.api.threads)
    ApiServer(prog='trove-api').run()


if __name__ == '__main__':
    main()
