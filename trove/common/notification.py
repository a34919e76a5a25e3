"""Usage notifications: Trove's trove.instance.<event> messages (create,
delete, modify_flavor, modify_volume, exists), with the payload keys
billing and auditing tools (ceilometer's event definitions) read.

They go out through an oslo.messaging Notifier on the notification
transport, publisher_id "trove.<host>"; topics and driver come from
[oslo_messaging_notifications], and with no driver configured (the
default) nothing is built or sent.
"""
import threading

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_utils import timeutils

from trove.common import exception
from trove.common.rpc import transport
from trove.conf import CONF
from trove.db.api import flavors as flavors_db
from trove.instance import mgmt

LOG = logging.getLogger(__name__)

EVENT_TYPE = 'trove.instance.%s'
UNKNOWN_SERVICE_ID = 'unknown-service-id-error'
# Instances are placed in no zone of their own: Nova's default zone name.
AVAILABILITY_ZONE = 'nova'

_lock = threading.Lock()
_notifier = None


def get_notifier():
    global _notifier
    with _lock:
        if _notifier is None:
            _notifier = messaging.Notifier(
                transport.get_notification_transport(),
                publisher_id='trove.%s' % CONF.host)
        return _notifier


def reset():
    """Forget the notifier (tests that change the notification config)."""
    global _notifier
    with _lock:
        _notifier = None


def enabled():
    """Whether anything would be sent: a driver other than noop is
    configured (none at all sends nothing either)."""
    notifier = get_notifier()  # registers [oslo_messaging_notifications]
    return bool(notifier.is_enabled()
                and CONF.oslo_messaging_notifications.driver)


def isotime(value):
    return value.strftime('%Y-%m-%dT%H:%M:%SZ') if value else None


def _flavor(flavor_id):
    try:
        return flavors_db.get_flavor(flavor_id)
    except exception.FlavorNotFound:
        return None


def payload(instance, flavor=None, user_id=None, now=None):
    """Trove's payload of an instance event; ``instance`` is a loaded row
    (with its datastore version and service status)."""
    flavor = flavor or _flavor(instance.flavor_id)
    version = instance.datastore_version
    state = mgmt.status(instance, now or timeutils.utcnow()).lower()
    ram = flavor.ram if flavor is not None else None
    return {
        'instance_id': instance.id,
        'instance_name': instance.name,
        'name': instance.name,
        'display_name': instance.name,
        'tenant_id': instance.project_id,
        'user_id': user_id,
        'instance_type': flavor.name if flavor is not None else None,
        'instance_type_id': instance.flavor_id,
        'instance_size': ram,
        'memory_mb': ram,
        'vcpus': flavor.vcpus if flavor is not None else None,
        'disk_gb': instance.volume_size,
        'volume_size': instance.volume_size,
        'nova_instance_id': instance.compute_id,
        'nova_volume_id': None,
        'region': CONF.region,
        'availability_zone': AVAILABILITY_ZONE,
        'created_at': isotime(instance.created),
        'launched_at': isotime(instance.created),
        'deleted_at': isotime(instance.deleted_at),
        'state': state,
        'state_description': state,
        'service_id': CONF.notification_service_id.get(version.manager,
                                                       UNKNOWN_SERVICE_ID),
        'datastore': version.datastore.name,
        'datastore_version': version.name,
    }


def _context_dict(context):
    return context.to_dict() if context is not None else {}


def notify(context, event, instance, flavor=None, **extra):
    """Send trove.instance.<event> about ``instance``; ``extra`` keys are
    added to the payload. Never raises: a lost usage record must not fail
    the operation it records."""
    try:
        if not enabled():
            return
        notifier = get_notifier()
        body = payload(instance, flavor,
                       user_id=getattr(context, 'user_id', None))
        body.update(extra)
        notifier.info(_context_dict(context), EVENT_TYPE % event, body)
    except Exception:
        LOG.exception('The %s notification of instance %s was not sent.',
                      event, instance.id)
