"""Provision a recorded instance: server, then the guest's prepare.

The build ends when the guest reports HEALTHY (the conductor clears the
task) or FAILED; if it never reports, the reaper fails it at its deadline.
A step that fails here removes the server it made before reporting ERROR.
"""
import json

from oslo_log import log as logging

from trove.common import broker_accounts
from trove.common import crypto
from trove.compute import base as compute_base
from trove.db.api import datastores as datastores_api
from trove.db.api import flavors as flavors_api
from trove.db.api import instances as instances_api
from trove.guestagent import rpcapi as guest_rpcapi
from trove.instance import keys
from trove.instance.status import Task
from trove.taskmanager.flows import apply_configuration
from trove.taskmanager.flows import backups as backup_flows
from trove.taskmanager.flows import guest_config

LOG = logging.getLogger(__name__)


def run(driver, context, instance_id, databases, encrypted_users,
        backup_id=None):
    instance = instances_api.get_instance(None, instance_id)
    if instance.task_status != Task.BUILDING:
        LOG.info('Instance %s is %s, not building; create skipped.',
                 instance_id, instance.task_status)
        return
    # Set before create_server: one that fails midway may have left an
    # address lease or a volume, and delete_server is idempotent.
    made_server = False
    try:
        key = keys.decrypt_key(instance.encrypted_key)
        users = json.loads(crypto.decrypt(key, encrypted_users))
        flavor = flavors_api.get_flavor(instance.flavor_id)
        made_server = True
        # One line per server made: what tells a create done twice.
        LOG.info('Creating the server of instance %s.', instance_id)
        bus_account = broker_accounts.ensure_guest(
            instance_id, key, guest_rpcapi.topic(instance_id))
        server = driver.create_server(
            instance_id,
            {'id': flavor.id, 'ram': flavor.ram, 'vcpus': flavor.vcpus,
             'disk': flavor.disk},
            instance.volume_size,
            guest_config.build(instance, flavor, key, bus_account),
            request=server_request(instance))
        instances_api.set_server(instance_id, server.compute_id,
                                 server.address, server.addresses,
                                 server.host)
        # A restore: the chain to apply and its data keys, sent only over
        # the guest's encrypted RPC.
        backup_info = (backup_flows.restore_info(backup_id)
                       if backup_id else None)
        guest_rpcapi.GuestAPI(context, instance_id, key).prepare(
            databases, users, backup_info=backup_info,
            overrides=apply_configuration.for_prepare(instance_id))
    except Exception as error:
        LOG.exception('Creating instance %s failed.', instance_id)
        fail(instance_id, 'Creating the instance failed: %s' % error,
             driver=driver if made_server else None)


def server_request(instance):
    """What a cloud driver needs beyond size and guest config."""
    version = instance.datastore_version
    networking = instances_api.network_request(instance)
    return compute_base.ServerRequest(
        project_id=instance.project_id, datastore=version.datastore.name,
        image_id=version.image_id,
        image_tags=datastores_api.image_tags(version),
        nics=networking['nics'], allowed_cidrs=networking['allowed_cidrs'])


def _undo_server(driver, instance_id):
    """Remove the server a failed create made (its volume and address go
    with it) and the guest's bus account, so that an ERROR instance holds
    nothing on the host or the broker."""
    try:
        driver.delete_server(instance_id)
    except Exception:
        # Its address stays recorded: the server may still hold it. The
        # user's delete (or the orphan reaper) removes it later.
        LOG.exception('Removing the server of failed instance %s failed.',
                      instance_id)
        return
    instances_api.clear_server(instance_id)
    try:
        broker_accounts.remove_guest(instance_id,
                                     guest_rpcapi.topic(instance_id))
    except Exception as error:
        # Harmless meanwhile: it reaches only its own topic. The user's
        # delete removes it.
        LOG.warning('The bus account of failed instance %s stays: %s',
                    instance_id, error)


def fail(instance_id, message, details=None, driver=None):
    """Report the build as failed, with its fault; with ``driver``, then
    remove its server.

    The task moves to BUILDING_ERROR first, conditionally, in the
    transaction that records the fault: a build the guest ended meanwhile
    (HEALTHY) is not failed, and its server is never removed; nor can a
    later heartbeat end a build being undone.
    """
    if not instances_api.fail_task(instance_id, Task.BUILDING,
                                   Task.BUILDING_ERROR, message, details):
        LOG.info('Instance %s is no longer building; not failed.',
                 instance_id)
        return
    if driver is not None:
        _undo_server(driver, instance_id)
