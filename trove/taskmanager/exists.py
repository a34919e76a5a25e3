"""The periodic trove.instance.exists notification: one per live instance
and audit period, so that billing sees what runs even without changes."""
import datetime

from oslo_log import log as logging
from oslo_utils import timeutils

from trove.common import context as trove_context
from trove.common import notification
from trove.conf import CONF
from trove.db.api import flavors as flavors_api
from trove.db.api import instances as instances_api
from trove.instance import mgmt

LOG = logging.getLogger(__name__)


class ExistsNotifier(object):

    def __call__(self):
        if not notification.enabled():
            return
        end = timeutils.utcnow()
        begin = end - datetime.timedelta(
            seconds=CONF.exists_notification_interval)
        flavors = {flavor.id: flavor for flavor in flavors_api.list_flavors()}
        context = trove_context.admin_context()
        for instance in instances_api.list_instances(None):
            # As Trove: stopped instances and servers not made yet are not
            # running, so not billed.
            if (not instance.compute_id
                    or mgmt.status(instance, end) == 'SHUTDOWN'):
                continue
            notification.notify(
                context, 'exists', instance, flavors.get(instance.flavor_id),
                audit_period_beginning=notification.isotime(begin),
                audit_period_ending=notification.isotime(end))
