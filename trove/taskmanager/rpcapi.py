"""Client side of the taskmanager's RPC API, used by trove-api.

API version history:
    1.0 - create_instance, delete_instance
    1.1 - restart_instance, resize_flavor, resize_volume
    1.2 - stop_instance, reboot_instance (mgmt)
    1.3 - create_backup, delete_backup; create_instance takes backup_id
    1.4 - apply_configuration, update_configuration
"""
import oslo_messaging as messaging

from trove.common.rpc import transport
from trove.conf import CONF


class TaskManagerAPI(object):

    RPC_API_VERSION = '1.4'

    def __init__(self):
        target = messaging.Target(topic=CONF.taskmanager_topic,
                                  version=self.RPC_API_VERSION)
        self._client = transport.get_client(
            target, version_cap=self.RPC_API_VERSION)

    def create_instance(self, context, instance_id, databases,
                        encrypted_users, backup_id=None):
        """Provision a recorded instance. ``encrypted_users`` is the users
        list as JSON, encrypted with the instance's RPC key, so that no
        password crosses the bus in clear. With ``backup_id``, its guest
        restores that backup instead of starting empty."""
        kwargs = {'instance_id': instance_id, 'databases': databases,
                  'encrypted_users': encrypted_users}
        version = '1.0'
        if backup_id is not None:
            kwargs['backup_id'] = backup_id
            version = '1.3'
        cctxt = self._client.prepare(version=version)
        cctxt.cast(context, 'create_instance', **kwargs)

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

    def stop_instance(self, context, instance_id):
        cctxt = self._client.prepare(version='1.2')
        cctxt.cast(context, 'stop_instance', instance_id=instance_id)

    def reboot_instance(self, context, instance_id):
        cctxt = self._client.prepare(version='1.2')
        cctxt.cast(context, 'reboot_instance', instance_id=instance_id)

    def create_backup(self, context, backup_id):
        """Have the guest stream a recorded (NEW) backup to storage."""
        cctxt = self._client.prepare(version='1.3')
        cctxt.cast(context, 'create_backup', backup_id=backup_id)

    def delete_backup(self, context, backup_id):
        """Remove a DELETING backup's stored objects, then its record."""
        cctxt = self._client.prepare(version='1.3')
        cctxt.cast(context, 'delete_backup', backup_id=backup_id)

    def apply_configuration(self, context, instance_id):
        """Give the instance's guest the configuration it should now run
        with (after an attach or a detach)."""
        cctxt = self._client.prepare(version='1.4')
        cctxt.cast(context, 'apply_configuration', instance_id=instance_id)

    def update_configuration(self, context, configuration_id):
        """Give every instance using the group its changed values."""
        cctxt = self._client.prepare(version='1.4')
        cctxt.cast(context, 'update_configuration',
                   configuration_id=configuration_id)
