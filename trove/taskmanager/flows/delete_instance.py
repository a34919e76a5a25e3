"""Remove an instance: everything its server holds, its guest's bus
account, then its record (and with it, its quota usage)."""
from oslo_log import log as logging

from trove.common import broker_accounts
from trove.common import notification
from trove.db.api import instances as instances_api
from trove.guestagent import rpcapi as guest_rpcapi

LOG = logging.getLogger(__name__)


def run(driver, instance_id, context=None):
    driver.delete_server(instance_id)
    broker_accounts.remove_guest(instance_id, guest_rpcapi.topic(instance_id))
    if instances_api.mark_deleted(instance_id):
        LOG.info('Instance %s deleted.', instance_id)
        notification.notify(context, 'delete', instances_api.get_instance(
            None, instance_id, include_deleted=True))
