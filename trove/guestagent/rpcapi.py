"""Client side of the guest agent's RPC API (trove.guestagent.manager).

API version history:
    1.0 - prepare (cast), get_status (call)
    1.1 - databases, users, access, root (calls): list_databases,
          create_databases, delete_database, list_users, get_user,
          create_users, delete_user, update_user, change_passwords,
          list_access, grant_access, revoke_access, enable_root,
          disable_root
    1.2 - configuration groups (calls): apply_configuration,
          get_default_configuration; prepare takes overrides
    1.3 - create_backup (cast); prepare takes backup_info (a restore)

Arguments and results are encrypted with the instance's own key: only
the control plane and that guest can read them. A guest's refusals
(trove.common.exception NotFound, Conflict, BadRequest) arrive as
themselves; a guest that does not answer in time raises GuestTimeout.
"""
from oslo_log import log as logging
import oslo_messaging as messaging

from trove.common import context as trove_context
from trove.common import exception
from trove.common.rpc import guest_bus
from trove.common.rpc import serializer as trove_serializer
from trove.common.rpc import transport
from trove.conf import CONF

LOG = logging.getLogger(__name__)


def topic(instance_id):
    return 'guestagent.%s' % instance_id


def _target(instance_id, **kwargs):
    # On the guests' vhost each guest serves its topic on an exchange of
    # its own (see trove.common.rpc.guest_bus).
    exchange = (guest_bus.exchange(instance_id) if guest_bus.enabled()
                else None)
    return messaging.Target(exchange=exchange, topic=topic(instance_id),
                            version=GuestAPI.RPC_API_VERSION, **kwargs)


def context_for_guest(context):
    """The context travels unencrypted and a guest needs no credentials:
    send only what ties the guest's logs to the request."""
    return trove_context.TroveContext(
        request_id=context.request_id,
        global_request_id=context.global_request_id,
        project_id=context.project_id, user_id=context.user_id,
        is_admin=context.is_admin, overwrite=False)


class GuestAPI(object):

    RPC_API_VERSION = '1.3'

    def __init__(self, context, instance_id, rpc_key):
        self.context = context_for_guest(context)
        self.instance_id = instance_id
        self._serializer = trove_serializer.EncryptedSerializer(rpc_key)
        self._client = transport.get_client(
            _target(instance_id), version_cap=self.RPC_API_VERSION,
            serializer=self._serializer,
            transport=transport.get_guest_transport())

    def _create_guest_queue(self):
        """Declare the guest's queue so that a cast waits in it until the
        guest listens (a cast to a topic without a queue is dropped).

        A server with no endpoints declares exactly the queues the guest's
        own server will use; it is stopped at once (about 12 ms here). In
        its short life it could take a message already waiting, which can
        only be an earlier prepare that this one repeats.
        """
        server = transport.get_server(
            _target(self.instance_id, server=self.instance_id), [],
            serializer=self._serializer,
            transport=transport.get_guest_transport())
        try:
            server.start()
        finally:
            server.stop()
            server.wait()

    def prepare(self, databases, users, backup_info=None, overrides=None):
        """Provision the engine: databases [{name, character_set, collate}],
        users [{name, password, host, databases: [{name}]}]; with
        ``backup_info`` ({storage, chain: [{id, container, object_name,
        checksum, meta, data_key}], full first}) the data directory is
        restored from that chain instead of initialised empty; with
        ``overrides`` ({values, serial}) the engine starts with the values
        of its configuration group. The outcome arrives through heartbeats
        (HEALTHY, or FAILED with a fault)."""
        LOG.debug('Sending prepare to guest %s', self.instance_id)
        self._create_guest_queue()
        kwargs = {'databases': databases, 'users': users}
        version = '1.0'
        if overrides is not None:
            kwargs['overrides'] = overrides
            version = '1.2'
        if backup_info is not None:
            kwargs['backup_info'] = backup_info
            version = '1.3'
        cctxt = self._client.prepare(version=version)
        cctxt.cast(self.context, 'prepare', **kwargs)

    def create_backup(self, backup_info):
        """Stream a backup to storage (a cast: progress and outcome go to
        the conductor). ``backup_info``: {id, object_name, container,
        storage, compression, data_key, wrapped_key, parent, deadline}."""
        cctxt = self._client.prepare(version='1.3')
        cctxt.cast(self.context, 'create_backup', backup_info=backup_info)

    def _call(self, version, method, timeout=None, **kwargs):
        cctxt = self._client.prepare(
            version=version, timeout=timeout or CONF.agent_call_low_timeout)
        try:
            return cctxt.call(self.context, method, **kwargs)
        except messaging.MessagingTimeout:
            raise exception.GuestTimeout(
                instance_id=self.instance_id) from None

    def get_status(self):
        """The engine's ServiceStatus, asked of the guest directly."""
        return self._call('1.0', 'get_status')

    # Databases: {name, character_set, collate}.

    def list_databases(self):
        return self._call('1.1', 'list_databases')

    def create_databases(self, databases):
        return self._call('1.1', 'create_databases', databases=databases,
                          timeout=CONF.agent_call_high_timeout)

    def delete_database(self, name):
        # Dropping a large database takes as long as its files take to go.
        return self._call('1.1', 'delete_database', name=name,
                          timeout=CONF.agent_call_high_timeout)

    # Users: {name, host, databases: [{name}]}, password on input only.

    def list_users(self):
        return self._call('1.1', 'list_users')

    def get_user(self, name, host):
        return self._call('1.1', 'get_user', name=name, host=host)

    def create_users(self, users):
        return self._call('1.1', 'create_users', users=users,
                          timeout=CONF.agent_call_high_timeout)

    def delete_user(self, name, host):
        return self._call('1.1', 'delete_user', name=name, host=host)

    def update_user(self, name, host, new_name, new_password, new_host):
        """Rename, re-host and/or set a new password (None: unchanged)."""
        return self._call('1.1', 'update_user', name=name, host=host,
                          new_name=new_name, new_password=new_password,
                          new_host=new_host)

    def change_passwords(self, users):
        """users: [{name, host, password}]."""
        return self._call('1.1', 'change_passwords', users=users)

    # Access: the databases a user holds all privileges on.

    def list_access(self, name, host):
        """[{name}]."""
        return self._call('1.1', 'list_access', name=name, host=host)

    def grant_access(self, name, host, databases):
        """databases: names."""
        return self._call('1.1', 'grant_access', name=name, host=host,
                          databases=databases)

    def revoke_access(self, name, host, database):
        return self._call('1.1', 'revoke_access', name=name, host=host,
                          database=database)

    # Root.

    def enable_root(self, password):
        """root@'%' with ``password`` (generated by the guest if None);
        returns {name, password}."""
        return self._call('1.1', 'enable_root', password=password,
                          timeout=CONF.agent_call_high_timeout)

    def disable_root(self):
        return self._call('1.1', 'disable_root')

    # Configuration groups.

    def apply_configuration(self, values, restart_required, serial):
        """Make ``values`` ({name: value}; {} for the template defaults)
        the engine's overrides: in its config files, and live except for
        the parameters named in ``restart_required``. ``serial`` orders
        the calls. Returns {restart_required: bool}."""
        return self._call('1.2', 'apply_configuration', values=values,
                          restart_required=restart_required, serial=serial)

    def get_default_configuration(self):
        """{name: value} of the engine's config template for the
        instance's flavor."""
        return self._call('1.2', 'get_default_configuration')
