"""Remove an instance: everything its server holds, then its record."""
from oslo_log import log as logging

from trove.db.api import instances as instances_api

LOG = logging.getLogger(__name__)


def run(driver, instance_id):
    driver.delete_server(instance_id)
    instances_api.mark_deleted(instance_id)
    LOG.info('Instance %s deleted.', instance_id)
