"""Client side of the taskmanager's RPC API, used by trove-api.

API version history:
    1.0 - create_instance, delete_instance
    1.1 - restart_instance, resize_flavor, resize_volume
"""
import oslo_messaging as messaging

from trove.common.rpc import transport
from trove.conf import CONF


class TaskManagerAPI(object):

    RPC_API_VERSION = '1.1'

    def __init__(self):
        target = messaging.Target(topic=CONF.taskmanager_topic,
                                  version=self.RPC_API_VERSION)
        self._client = transport.get_client(
            target, version_cap=self.RPC_API_VERSION)

    def create_instance(self, context, instance_id, databases,
                        encrypted_users):
        """Provision a recorded instance. ``encrypted_users`` is the users
        list as JSON, encrypted with the instance's RPC key, so that no
        password crosses the bus in clear."""
        cctxt = self._client.prepare(version='1.0')
        cctxt.cast(context, 'create_instance', instance_id=instance_id,
                   databases=databases, encrypted_users=encrypted_users)

    def delete_instance(self, context, instance_id):
        cctxt = self._client.prepare(version='1.0')
        cctxt.cast(context, 'delete_instance', instance_id=instance_id)

    def restart_instance(self, context, instance_id):
        cctxt = self._client.prepare(version='1.1')
        cctxt.cast(context, 'restart_instance', instance_id=instance_id)

    def resize_flavor(self, context, instance_id, flavor_id):
        cctxt = self._client.prepare(version='1.1')
        cctxt.cast(context, 'resize_flavor', instance_id=instance_id,
                   flavor_id=flavor_id)

    def resize_volume(self, context, instance_id, new_size):
        cctxt = self._client.prepare(version='1.1')
        cctxt.cast(context, 'resize_volume', instance_id=instance_id,
                   new_size=new_size)
