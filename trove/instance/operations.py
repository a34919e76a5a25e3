"""Creating and deleting instances: checks, the DB record, the cast.

Every operation records its intent (task and deadline) in the DB before it
casts to the taskmanager, so that a lost cast or a crashed taskmanager is
noticed by the reaper when the deadline passes.
"""
import datetime
import json

from oslo_utils import excutils
from oslo_utils import timeutils

from trove.backup import restore
from trove.common import crypto
from trove.common import exception
from trove.conf import CONF
from trove.configuration import attachments
from trove.datastore import capabilities
from trove.datastore import features
from trove.db.api import datastores as datastores_db
from trove.db.api import flavors as flavors_db
from trove.db.api import instances as instances_db
from trove.db.api import replicas as replicas_db
from trove.guestagent import rpcapi as guest_rpcapi
from trove.instance import deployment_options
from trove.instance import keys
from trove.instance import status
from trove.instance.status import ServiceStatus
from trove.instance.status import Task
from trove.replication import requests as replica_requests
from trove.taskmanager import rpcapi

# Requests whose meaning we cannot honour yet: refusing them is better
# than silently creating something other than what was asked for.
UNSUPPORTED_CREATE_KEYS = ('modules', 'locality')

# The guest answers: the engine runs (maybe with a restart pending).
USABLE_STATUSES = ('ACTIVE', 'RESTART_REQUIRED')

# A delete may take over from these tasks: deleting a building or broken
# instance is how users clean up, and a repeated delete re-drives one.
DELETABLE_TASKS = (Task.NONE, Task.BUILDING, Task.BUILDING_ERROR,
                   Task.DELETING, Task.STOPPING, Task.STOPPED)


def current_status(instance, now):
    """(status, operating_status) a user sees, from the DB alone.

    A guest that stopped sending heartbeats counts as lost; a guest that
    never sent one (NEW) is still being built, however long ago that began
    (the build deadline covers it).
    """
    service = instance.service_status
    reported = service.status if service is not None else ServiceStatus.NEW
    seconds = None
    if service is not None and reported != ServiceStatus.NEW:
        seconds = (now - service.updated).total_seconds()
    effective = status.effective_service_status(
        reported, seconds, CONF.agent_heartbeat_expiry)
    if instance.task_status == Task.STOPPED:
        # Its guest is stopped on purpose: silent, not lost.
        effective = ServiceStatus.SHUTDOWN
    user_status = status.instance_status(instance.task_status, effective)
    if user_status == 'ACTIVE' and _restart_required(instance):
        user_status = 'RESTART_REQUIRED'
    return user_status, status.operating_status(effective)


def _restart_required(instance):
    # The engine runs with configuration values other than its files hold.
    state = instance.configuration_state
    return state is not None and state.restart_required


def active_guest(context, project_id, instance_id):
    """The GuestAPI of a project's instance, which must be ACTIVE: a guest
    that is building, rebooting or silent cannot answer, and a call to it
    would only wait for its timeout."""
    instance = instances_db.get_instance(project_id, instance_id)
    user_status, _ = current_status(instance, timeutils.utcnow())
    if user_status not in USABLE_STATUSES:
        raise exception.InstanceNotActive(instance_id=instance.id,
                                          status=user_status)
    return guest_rpcapi.GuestAPI(context, instance.id,
                                 keys.decrypt_key(instance.encrypted_key))


def flavor_id_from_ref(flavor_ref):
    """flavorRef may be an id or a link whose last segment is the id."""
    return str(flavor_ref).rstrip('/').rsplit('/', 1)[-1]


def resolve_datastore_version(datastore_name=None, version_name=None):
    """The version a create asks for, defaults filled in (Trove's rules)."""
    datastore_name = datastore_name or CONF.default_datastore
    if not datastore_name:
        raise exception.DatastoreNotFound(
            'Please specify a datastore: no default datastore is '
            'configured.')
    datastore = datastores_db.get_datastore(datastore_name)
    if version_name:
        version = datastores_db.get_version(datastore.id, version_name)
    elif datastore.default_version_id:
        version = datastores_db.get_version_by_id(datastore.default_version_id)
    else:
        raise exception.DatastoreVersionNotFound(
            'Please specify a version of datastore %s: it has no default '
            'version.' % datastore.name)
    if not version.active:
        raise exception.BadRequest(
            'Datastore version %s of %s is not active.'
            % (version.name, datastore.name))
    return version


def check_volume_size(size):
    limit = CONF.max_accepted_volume_size
    if size > limit:
        raise exception.BadRequest(
            'Volume size %s GB is larger than the largest accepted, %s GB.'
            % (size, limit))


def _refuse_reserved_initial(version, request):
    # Reserved names (the engine's own) would only fail the build.
    users = request.get('users') or []
    capabilities.of_version(version).refuse_reserved(
        databases=[db['name'] for db in request.get('databases') or []]
        + [db['name'] for user in users for db in user.get('databases') or []],
        users=[user['name'] for user in users])


def create_instance(context, project_id, request):
    """``request`` is the validated "instance" object of POST /instances."""
    if replica_requests.is_replica_request(request):
        replica_requests.check_replica_request(project_id, request)
        # No datastore's manifest claims replication until the build from
        # a snapshot of the source exists: refuse what would not be made.
        raise exception.BadRequest('Replicas cannot be built yet.')
    if request.get('replica_count') is not None:
        raise exception.BadRequest(
            "'replica_count' needs 'replica_of'.")
    for key in UNSUPPORTED_CREATE_KEYS:
        if request.get(key) is not None:
            raise exception.BadRequest("'%s' is not supported." % key)
    volume_size = request['volume']['size']
    check_volume_size(volume_size)
    flavor = flavors_db.get_flavor(flavor_id_from_ref(request['flavorRef']))
    datastore = request.get('datastore') or {}
    restore_point = request.get('restorePoint')
    if restore_point is not None and not datastore.get('type'):
        # A restore is of the backup's datastore unless told otherwise.
        datastore = restore.datastore_of(project_id, restore_point)
    version = resolve_datastore_version(datastore.get('type'),
                                        datastore.get('version'))
    backup_id = None
    if restore_point is not None:
        backup_id = restore.source(project_id, restore_point, version,
                                   volume_size).id
    deployment_options.refuse_unsupported(request, version)
    for feature in ('databases', 'users'):
        if request.get(feature):
            features.check(version, feature)
    _refuse_reserved_initial(version, request)
    configuration = None
    if request.get('configuration') is not None:
        configuration = attachments.checked_group(
            project_id, request['configuration'], version)

    key, encrypted_key = keys.new_encrypted_key()
    deadline = timeutils.utcnow() + datetime.timedelta(
        seconds=CONF.taskmanager.build_timeout)
    # Passwords cross the bus only encrypted with the instance's own key.
    encrypted_users = crypto.encrypt(key,
                                     json.dumps(request.get('users') or []))
    # Takes the project's quota in the transaction that records it.
    instance = instances_db.create_instance(
        project_id, request['name'], flavor.id, volume_size, version.id,
        encrypted_key, deadline,
        network_request=deployment_options.network_request(request))
    try:
        if configuration is not None:
            attachments.attach_to_new_instance(instance.id, configuration.id)
            instance = instances_db.get_instance(project_id, instance.id)
        rpcapi.TaskManagerAPI().create_instance(
            context, instance.id, request.get('databases') or [],
            encrypted_users, backup_id=backup_id)
    except Exception:
        # The user gets an error, not an instance: take back the record
        # and its quota (the watchdog removes a server, should the cast
        # have arrived after all).
        with excutils.save_and_reraise_exception():
            instances_db.mark_deleted(instance.id)
    return instance


def delete_instance(context, project_id, instance_id):
    instance = instances_db.get_instance(project_id, instance_id)
    if replicas_db.replica_ids(project_id, instance.id):
        raise exception.BadRequest('Cannot delete source with replicas.')
    deadline = timeutils.utcnow() + datetime.timedelta(
        seconds=CONF.taskmanager.delete_timeout)
    if not instances_db.start_task(instance.id, Task.DELETING, deadline,
                                   allowed_tasks=DELETABLE_TASKS):
        current = instances_db.get_instance(project_id, instance_id)
        user_status, _ = current_status(current, timeutils.utcnow())
        raise exception.UnprocessableEntity(
            'Instance %s cannot be deleted while its status is %s; try '
            'again when it is done.' % (instance_id, user_status))
    rpcapi.TaskManagerAPI().delete_instance(context, instance.id)
