"""Client side of the conductor's RPC API, used by guest agents.

API version history:
    1.0 - heartbeat, report_fault
    1.1 - update_backup
    1.2 - every method carries a proof (trove.conductor.proof): the
          conductor drops a report without one
    1.3 - heartbeat carries ``volume`` (the data volume's usage)

Each report is signed with the guest's own RPC key; the conductor acts
on it only if the key of the instance it is about proves it.
"""
import oslo_messaging as messaging

from trove.common.rpc import transport
from trove.conductor import proof
from trove.conf import CONF


class ConductorAPI(object):

    RPC_API_VERSION = '1.3'

    def __init__(self, instance_id=None, rpc_key=None):
        """Signs as ``instance_id`` with ``rpc_key`` (default: this
        guest's, from [guest_agent])."""
        self._instance_id = instance_id or CONF.guest_agent.instance_id
        self._rpc_key = rpc_key or CONF.guest_agent.rpc_encryption_key
        target = messaging.Target(topic=CONF.conductor_topic,
                                  version=self.RPC_API_VERSION)
        # A guest's own transport; the control plane's to the guests'
        # vhost, where the conductor serves (benchmarks send from there).
        self._client = transport.get_client(
            target, version_cap=self.RPC_API_VERSION,
            transport=transport.get_guest_transport())

    def _cast(self, context, method, version='1.2', **arguments):
        cctxt = self._client.prepare(version=version)
        cctxt.cast(context, method, proof=proof.sign(
            self._rpc_key, method, self._instance_id, arguments),
            **arguments)

    def heartbeat(self, context, instance_id, status, sent, volume=None):
        """The engine's state (trove.instance.status.ServiceStatus) at
        ``sent``, a guest-clock timestamp used to drop stale messages;
        ``volume``: {'used': bytes, 'size': bytes} of the data volume's
        filesystem (left out for a conductor older than 1.3)."""
        if volume is not None and self._client.can_send_version('1.3'):
            self._cast(context, 'heartbeat', version='1.3',
                       instance_id=instance_id, status=status, sent=sent,
                       volume=volume)
            return
        self._cast(context, 'heartbeat', instance_id=instance_id,
                   status=status, sent=sent)

    def report_fault(self, context, instance_id, message, details, sent):
        """A failed operation, shown to the user by ``instance show``."""
        self._cast(context, 'report_fault', instance_id=instance_id,
                   message=message, details=details, sent=sent)

    def update_backup(self, context, backup_id, values, sent):
        """Progress or outcome of a backup the guest runs: ``values`` has
        its status (BUILDING, COMPLETED, FAILED) and, once stored, size,
        checksum, data_size and meta; ``sent`` orders the reports."""
        self._cast(context, 'update_backup', backup_id=backup_id,
                   values=values, sent=sent)
