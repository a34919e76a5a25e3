"""Remove an instance: everything its server holds, then its record (and
with it, its quota usage)."""
from oslo_log import log as logging

from trove.common import notification
from trove.db.api import instances as instances_api

LOG = logging.getLogger(__name__)


def run(driver, instance_id, context=None):
    driver.delete_server(instance_id)
    if instances_api.mark_deleted(instance_id):
        LOG.info('Instance %s deleted.', instance_id)
        notification.notify(context, 'delete', instances_api.get_instance(
            None, instance_id, include_deleted=True))
