"""Client side of the conductor's RPC API, used by guest agents.

API version history:
    1.0 - heartbeat, report_fault
    1.1 - update_backup
"""
import oslo_messaging as messaging

from trove.common.rpc import transport
from trove.conf import CONF


class ConductorAPI(object):

    RPC_API_VERSION = '1.1'

    def __init__(self):
        target = messaging.Target(topic=CONF.conductor_topic,
                                  version=self.RPC_API_VERSION)
        self._client = transport.get_client(
            target, version_cap=self.RPC_API_VERSION)

    def heartbeat(self, context, instance_id, status, sent):
        """The engine's state (trove.instance.status.ServiceStatus) at
        ``sent``, a guest-clock timestamp used to drop stale messages."""
        cctxt = self._client.prepare(version='1.0')
        cctxt.cast(context, 'heartbeat', instance_id=instance_id,
                   status=status, sent=sent)

    def report_fault(self, context, instance_id, message, details, sent):
        """A failed operation, shown to the user by ``instance show``."""
        cctxt = self._client.prepare(version='1.0')
        cctxt.cast(context, 'report_fault', instance_id=instance_id,
                   message=message, details=details, sent=sent)

    def update_backup(self, context, backup_id, values, sent):
        """Progress or outcome of a backup the guest runs: ``values`` has
        its status (BUILDING, COMPLETED, FAILED) and, once stored, size,
        checksum, data_size and meta; ``sent`` orders the reports."""
        cctxt = self._client.prepare(version='1.1')
        cctxt.cast(context, 'update_backup', backup_id=backup_id,
                   values=values, sent=sent)
