"""trove-guestagent: runs one instance's engine and serves its RPC topic.

On SIGTERM or SIGINT the agent stops reporting and serving but leaves the
engine running: the compute driver stops engines itself, and an agent that
restarts adopts the engine it finds.
"""
import signal
import threading
import time

from oslo_log import log as logging
import oslo_messaging as messaging

from trove.cmd import common
from trove.common import context as trove_context
from trove.common.rpc import serializer as trove_serializer
from trove.common.rpc import transport
from trove.conductor import rpcapi as conductor_rpcapi
from trove.conf import CONF
from trove.guestagent.datastores import base
from trove.guestagent.datastores import loader
from trove.guestagent import identity
from trove.guestagent import manager as guest_manager
from trove.guestagent import rpcapi as guest_rpcapi
from trove.instance.status import ServiceStatus

LOG = logging.getLogger(__name__)


def guest_settings(conf):
    return base.GuestSettings(
        instance_id=conf.instance_id, address=conf.address,
        instance_dir=conf.instance_dir, volume_path=conf.volume_path,
        flavor_ram=conf.flavor_ram, flavor_vcpus=conf.flavor_vcpus,
        version=conf.datastore_version, template_path=conf.template_path,
        system_user=conf.system_user)


def adopt_engine(datastore):
    """After a host reboot a prepared engine is down: bring it back."""
    if not datastore.is_prepared():
        LOG.info('Not prepared yet, waiting for prepare')
        return
    try:
        datastore.start()
    except Exception:
        # Heartbeats will say SHUTDOWN; a later start may still succeed.
        LOG.exception('Could not start the engine')


def _report_unusable(conf, message):
    """Tell the control plane at once, rather than letting the build wait
    for its deadline."""
    LOG.error(message)
    conductor = conductor_rpcapi.ConductorAPI()
    context = trove_context.admin_context()
    conductor.report_fault(context, conf.instance_id, message, None,
                           time.time())
    conductor.heartbeat(context, conf.instance_id, ServiceStatus.FAILED,
                        time.time())
    transport.reset()


REQUIRED = ('instance_id', 'datastore_manager', 'address', 'instance_dir',
            'volume_path', 'rpc_encryption_key')


def main():
    common.setup(name='trove-guestagent')
    conf = CONF.guest_agent
    missing = [name for name in REQUIRED if not getattr(conf, name)]
    if missing:
        raise SystemExit('trove-guestagent: [guest_agent] needs %s' %
                         ', '.join(missing))
    # Before any engine code runs, and before any thread starts (it forks).
    identity.drop_privileges(conf)
    try:
        datastore = loader.load(conf.datastore_manager, guest_settings(conf))
    except Exception as error:
        _report_unusable(conf, 'The guest cannot run datastore manager '
                         '%r: %s' % (conf.datastore_manager, error))
        raise SystemExit(1)
    manager = guest_manager.GuestManager(
        datastore, conf.instance_id, conf.heartbeat_interval, adopting=True,
        volume_path=conf.volume_path)

    stopping = threading.Event()

    def _stop(signum, _frame):
        LOG.info('Signal %d received, stopping', signum)
        stopping.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)

    target = messaging.Target(topic=guest_rpcapi.topic(conf.instance_id),
                              server=conf.instance_id)
    server = transport.get_server(
        target, [manager],
        serializer=trove_serializer.EncryptedSerializer(
            conf.rpc_encryption_key))
    server.start()
    manager.heartbeat.start()
    LOG.info('Guest agent of instance %s serving (%s)', conf.instance_id,
             conf.datastore_manager)
    adopt_engine(datastore)
    manager.engine_adopted.set()
    manager.heartbeat.beat_now()

    while not stopping.wait(1):
        pass
    manager.heartbeat.stop()
    server.stop()
    server.wait()
    transport.reset()
    LOG.info('Guest agent stopped; the engine keeps running')


if __name__ == '__main__':
    main()
