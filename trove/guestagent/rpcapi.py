"""Client side of the guest agent's RPC API (trove.guestagent.manager).

API version history:
    1.0 - prepare (cast), get_status (call)

Arguments and results are encrypted with the instance's own key: only
the control plane and that guest can read them.
"""
from oslo_log import log as logging
import oslo_messaging as messaging

from trove.common import context as trove_context
from trove.common.rpc import serializer as trove_serializer
from trove.common.rpc import transport
from trove.conf import CONF

LOG = logging.getLogger(__name__)


def topic(instance_id):
    return 'guestagent.%s' % instance_id


def context_for_guest(context):
    """The context travels unencrypted and a guest needs no credentials:
    send only what ties the guest's logs to the request."""
    return trove_context.TroveContext(
        request_id=context.request_id,
        global_request_id=context.global_request_id,
        project_id=context.project_id, user_id=context.user_id,
        is_admin=context.is_admin, overwrite=False)


class GuestAPI(object):

    RPC_API_VERSION = '1.0'

    def __init__(self, context, instance_id, rpc_key):
        self.context = context_for_guest(context)
        self.instance_id = instance_id
        self._serializer = trove_serializer.EncryptedSerializer(rpc_key)
        target = messaging.Target(topic=topic(instance_id),
                                  version=self.RPC_API_VERSION)
        self._client = transport.get_client(
            target, version_cap=self.RPC_API_VERSION,
            serializer=self._serializer)

    def _create_guest_queue(self):
        """Declare the guest's queue so that a cast waits in it until the
        guest listens (a cast to a topic without a queue is dropped).

        A server with no endpoints declares exactly the queues the guest's
        own server will use; it is stopped at once (about 12 ms here). In
        its short life it could take a message already waiting, which can
        only be an earlier prepare that this one repeats.
        """
        target = messaging.Target(topic=topic(self.instance_id),
                                  server=self.instance_id,
                                  version=self.RPC_API_VERSION)
        server = transport.get_server(target, [], serializer=self._serializer)
        try:
            server.start()
        finally:
            server.stop()
            server.wait()

    def prepare(self, databases, users):
        """Provision the engine: databases [{name, character_set, collate}],
        users [{name, password, host, databases: [{name}]}]. The outcome
        arrives through heartbeats (HEALTHY, or FAILED with a fault)."""
        LOG.debug('Sending prepare to guest %s', self.instance_id)
        self._create_guest_queue()
        cctxt = self._client.prepare(version='1.0')
        cctxt.cast(self.context, 'prepare', databases=databases, users=users)

    def get_status(self):
        """The engine's ServiceStatus, asked of the guest directly."""
        cctxt = self._client.prepare(version='1.0',
                                     timeout=CONF.agent_call_low_timeout)
        return cctxt.call(self.context, 'get_status')
