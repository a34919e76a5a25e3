"""Server side of the guest agent's RPC API: one endpoint per guest.

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

Every public method is an RPC method (oslo.messaging dispatches any name
that does not start with '_'), and has a same-named client method in
trove.guestagent.rpcapi.GuestAPI.
"""
import functools
import threading
import traceback

from oslo_log import log as logging
import oslo_messaging as messaging

from trove.common import context as trove_context
from trove.common import exception as trove_exception
from trove.conductor import rpcapi as conductor_rpcapi
from trove.guestagent.datastores.common import clock
from trove.guestagent import exception
from trove.guestagent import heartbeat as guest_heartbeat
from trove.guestagent.strategies.backup import runner as backup_runner
from trove.instance.status import ServiceStatus

LOG = logging.getLogger(__name__)

# A fault's message is the one line a user sees in the instance's fault;
# its details (a traceback) carry the rest.
MAX_FAULT_MESSAGE = 255

# Refusals a user caused: they go back to the caller without an ERROR
# and a traceback in the agent's log.
_USER_ERRORS = (trove_exception.BadRequest, trove_exception.NotFound,
                trove_exception.Conflict)


def _user_errors_expected(method):
    # functools.wraps keeps the signature that the client is checked against.
    return functools.wraps(method)(
        messaging.expected_exceptions(*_USER_ERRORS)(method))


class GuestManager(object):

    RPC_API_VERSION = '1.3'
    target = messaging.Target(version=RPC_API_VERSION)

    def __init__(self, datastore, instance_id, heartbeat_interval,
                 conductor=None, adopting=False, volume_path=None):
        self.datastore = datastore
        self.instance_id = instance_id
        self._conductor = conductor
        self._lock = threading.Lock()
        # Set once the agent has started (adopted) its engine: before that
        # a stopped engine is expected, not a crash to repair.
        self.engine_adopted = threading.Event()
        if not adopting:
            self.engine_adopted.set()
        self._preparing = False
        self._failed = False
        self.heartbeat = guest_heartbeat.Heartbeat(
            instance_id, self._heartbeat_status, heartbeat_interval,
            conductor=conductor, volume_path=volume_path)

    def prepare(self, context, databases, users, backup_info=None,
                overrides=None):
        """Provision the engine (restoring ``backup_info``'s chain if
        given); returns at once, progress goes out as heartbeats (BUILD,
        then HEALTHY or FAILED plus a fault)."""
        with self._lock:
            if self._preparing or self.datastore.is_prepared():
                LOG.info('Ignoring prepare: already %s',
                         'preparing' if self._preparing else 'prepared')
                return
            self._preparing = True
            self._failed = False
        # A thread of its own: the RPC server keeps answering meanwhile.
        threading.Thread(target=self._prepare,
                         args=(databases, users, backup_info, overrides),
                         name='prepare', daemon=True).start()

    def create_backup(self, context, backup_info):
        """Stream a backup to storage in a thread of its own; progress and
        outcome go to the conductor."""
        try:
            strategy = self.datastore.backup_strategy()
        except Exception as exc:
            backup_runner.Runner(None, self._conductor).report(
                backup_info['id'], {'status': 'FAILED', 'fault': str(exc)})
            return
        backup_runner.Runner(strategy, self._conductor).start(backup_info)

    def get_status(self, context):
        """Only reports: an RPC that anyone may call, at any rate, must not
        start an engine (the heartbeat loop restarts a crashed one)."""
        return self._service_status()

    # Databases, users, access and root: Datastore.admin does the work.

    @_user_errors_expected
    def list_databases(self, context):
        return self.datastore.admin.list_databases()

    @_user_errors_expected
    def create_databases(self, context, databases):
        return self.datastore.admin.create_databases(databases)

    @_user_errors_expected
    def delete_database(self, context, name):
        return self.datastore.admin.delete_database(name)

    @_user_errors_expected
    def list_users(self, context):
        return self.datastore.admin.list_users()

    @_user_errors_expected
    def get_user(self, context, name, host):
        return self.datastore.admin.get_user(name, host)

    @_user_errors_expected
    def create_users(self, context, users):
        return self.datastore.admin.create_users(users)

    @_user_errors_expected
    def delete_user(self, context, name, host):
        return self.datastore.admin.delete_user(name, host)

    @_user_errors_expected
    def update_user(self, context, name, host, new_name, new_password,
                    new_host):
        return self.datastore.admin.update_user(
            name, host, new_name=new_name, new_password=new_password,
            new_host=new_host)

    @_user_errors_expected
    def change_passwords(self, context, users):
        return self.datastore.admin.change_passwords(users)

    @_user_errors_expected
    def list_access(self, context, name, host):
        return self.datastore.admin.list_access(name, host)

    @_user_errors_expected
    def grant_access(self, context, name, host, databases):
        return self.datastore.admin.grant_access(name, host, databases)

    @_user_errors_expected
    def revoke_access(self, context, name, host, database):
        return self.datastore.admin.revoke_access(name, host, database)

    @_user_errors_expected
    def enable_root(self, context, password):
        return self.datastore.admin.enable_root(password)

    @_user_errors_expected
    def disable_root(self, context):
        return self.datastore.admin.disable_root()

    # Configuration groups: Datastore.configuration does the work.

    @_user_errors_expected
    def apply_configuration(self, context, values, restart_required,
                            serial):
        return self.datastore.configuration.apply(values, restart_required,
                                                  serial)

    @_user_errors_expected
    def get_default_configuration(self, context):
        return self.datastore.configuration.defaults()

    def _prepare(self, databases, users, backup_info=None, overrides=None):
        self.heartbeat.beat_now()
        started = clock.monotonic()
        try:
            if overrides:
                # Written before the engine first starts: no restart needed.
                self.datastore.configuration.save(overrides['values'],
                                                  overrides['serial'])
            if backup_info:
                self.datastore.prepare(databases, users,
                                       backup_info=backup_info)
            else:
                self.datastore.prepare(databases, users)
            LOG.info('Prepare done in %.2fs', clock.monotonic() - started)
        except Exception as exc:
            LOG.exception('Prepare failed')
            with self._lock:
                self._failed = True
            self._report_fault(exc, traceback.format_exc())
        finally:
            with self._lock:
                self._preparing = False
            # Report the outcome now: provisioning waits for it.
            self.heartbeat.beat_now()

    def _service_status(self):
        with self._lock:
            if self._preparing:
                return ServiceStatus.BUILD
            if self._failed:
                return ServiceStatus.FAILED
        if not self.datastore.is_prepared():
            return ServiceStatus.NEW
        return self.datastore.status()

    def _heartbeat_status(self):
        """The status the heartbeat loop sends, after restarting a crashed
        engine: one thread, at one rate, so restarts never pile up."""
        status = self._service_status()
        if status == ServiceStatus.SHUTDOWN and self.engine_adopted.is_set():
            status = self._restart_crashed_engine()
        return status

    def _restart_crashed_engine(self):
        """Nothing here stops the engine on purpose (the compute driver
        stops the agent with it), so a stopped engine has crashed: start
        it again, as an init system would, and tell the user why."""
        LOG.warning('The engine is not running; starting it again')
        try:
            self.datastore.start()
        except Exception as exc:
            LOG.exception('Could not restart the engine')
            self._report_fault(exception.GuestError(
                'The database engine stopped and could not be restarted: '
                '%s' % exc), traceback.format_exc())
            return ServiceStatus.SHUTDOWN
        self._report_fault(exception.GuestError(
            'The database engine stopped unexpectedly and was restarted.'),
            None)
        return self.datastore.status()

    def _report_fault(self, exc, details):
        if isinstance(exc, exception.GuestError):
            message = str(exc)
        else:
            message = 'Prepare failed: %s: %s' % (type(exc).__name__, exc)
        if len(message) > MAX_FAULT_MESSAGE:
            message = message[:MAX_FAULT_MESSAGE - 3] + '...'
        try:
            if self._conductor is None:
                self._conductor = conductor_rpcapi.ConductorAPI()
            self._conductor.report_fault(
                trove_context.admin_context(), self.instance_id, message,
                details, clock.timestamp())
        except Exception:
            LOG.exception('Could not report the fault to the conductor')
