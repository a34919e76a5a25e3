"""An instance's data volume in Cinder (when [nova_compute] volume_support):
made and waited for before the server boots on it, grown by Cinder's
extend, removed after the server.

The guest still has to grow its file system after an extend; this driver
only grows the block device (the guest's online grow is a later step).
"""
from cinderclient import exceptions as cinder_exceptions

from trove.common import exception
from trove.compute.nova import networks
from trove.compute.nova import waiting
from trove.conf import CONF

_GONE = ('deleting',)


def find(volume_api, instance_id):
    name = networks.resource_name(instance_id)
    for volume in volume_api.list(search_opts={'name': name}):
        if volume.name == name and volume.status not in _GONE:
            return volume
    return None


def _waited(volume_api, volume_id, statuses, what, timeout, size=None,
            fail_on_error=True):
    def poll():
        volume = volume_api.get(volume_id)
        if fail_on_error and volume.status.startswith('error'):
            raise exception.ComputeError(
                reason='volume %s went %s (%s)' % (volume_id, volume.status,
                                                   what))
        if volume.status in statuses and (size is None
                                          or volume.size >= size):
            return volume
        return None
    return waiting.wait_for(poll, what, timeout)


def create(volume_api, instance_id, size):
    """The instance's volume, available; made unless a re-driven create
    made it before."""
    volume = find(volume_api, instance_id)
    if volume is None:
        volume = volume_api.create(
            size, name=networks.resource_name(instance_id),
            volume_type=CONF.nova_compute.volume_type,
            availability_zone=CONF.nova_compute.availability_zone,
            metadata={'trove_instance_id': instance_id})
    return _waited(volume_api, volume.id, ('available', 'in-use'),
                   'volume %s of instance %s becoming available'
                   % (volume.id, instance_id),
                   CONF.nova_compute.boot_timeout)


def extend(volume_api, instance_id, new_size):
    volume = find(volume_api, instance_id)
    if volume is None:
        raise exception.ComputeError(
            reason='instance %s has no volume in Cinder' % instance_id)
    if volume.size >= new_size:
        return volume
    volume_api.extend(volume, new_size)
    return _waited(volume_api, volume.id, ('available', 'in-use'),
                   'extending volume %s to %d GB' % (volume.id, new_size),
                   CONF.nova_compute.operation_timeout, size=new_size)


def delete(volume_api, instance_id):
    """After the server is gone: Nova detaches the volume as it deletes the
    server, which Cinder shows a moment later."""
    volume = find(volume_api, instance_id)
    if volume is None:
        return
    if volume.status == 'in-use':
        _waited(volume_api, volume.id, ('available', 'error'),
                'volume %s being detached' % volume.id,
                CONF.nova_compute.operation_timeout, fail_on_error=False)
    try:
        volume_api.delete(volume)
    except cinder_exceptions.NotFound:
        pass
