"""The interface every engine implements inside the guest.

The guest agent's manager only ever talks to this class, so adding an
engine means one subclass and one entry point in
``trove.guestagent.datastores``.
"""
import abc

from trove.common import exception


class GuestSettings(object):
    """Where and how large: what the guest config file tells the engine."""

    def __init__(self, instance_id, address, instance_dir, volume_path,
                 flavor_ram, flavor_vcpus, version, template_path,
                 system_user=None):
        self.instance_id = instance_id
        self.address = address
        self.instance_dir = instance_dir
        self.volume_path = volume_path
        self.flavor_ram = flavor_ram
        self.flavor_vcpus = flavor_vcpus
        self.version = version
        self.template_path = template_path
        # The instance's own user, that the agent and engine run as; None
        # for an agent that stays root (engines run as packaged users).
        self.system_user = system_user


class Datastore(abc.ABC):

    # The DatabaseAdmin subclass ``admin`` returns; the API reads it to
    # refuse at once what the engine cannot do.
    admin_class = None
    # The engine's BackupStrategy (trove.guestagent.strategies.backup);
    # None: the engine has no backups. The API reads it too.
    backup_strategy_class = None

    def __init__(self, settings):
        self.settings = settings

    @property
    def admin(self):
        """The engine's DatabaseAdmin (databases, users, root)."""
        return DatabaseAdmin()

    @property
    def configuration(self):
        """The engine's ConfigurationManager (configuration groups)."""
        return ConfigurationManager()

    def backup_strategy(self):
        if self.backup_strategy_class is None:
            raise exception.DatastoreOperationNotSupported(
                datastore=self.__class__.__name__, operation='backups')
        return self.backup_strategy_class(self)

    @abc.abstractmethod
    def prepare(self, databases, users, backup_info=None):
        """First boot: initialise the data directory on the volume (or,
        with ``backup_info``, restore it from that backup chain), write
        the config, start the engine, create ``databases``
        ([{name, character_set, collate}]) and ``users``
        ([{name, password, host, databases: [{name}]}])."""

    @abc.abstractmethod
    def is_prepared(self):
        """True once prepare() has completed on this volume."""

    @abc.abstractmethod
    def start(self):
        """Start the engine (after a reboot of an already prepared guest)."""

    @abc.abstractmethod
    def stop(self):
        """Stop the engine cleanly."""

    @abc.abstractmethod
    def status(self):
        """A trove.instance.status.ServiceStatus value, cheaply."""


class DatabaseAdmin(object):
    """Databases, users, access and root of one engine.

    A datastore exposes one through ``Datastore.admin``; an engine without
    some concept leaves the default, which raises
    DatastoreOperationNotSupported (a 400). Arguments
    were validated by the API, but every implementation quotes identifiers
    and passes values as query parameters all the same: user input never
    becomes SQL text. Errors the user can act on are
    trove.common.exception errors (NotFound, Conflict, BadRequest), which
    cross RPC with their HTTP code.

    Shapes: database {name, character_set, collate}; user {name, host,
    password (input only), databases: [{name}]}.
    """

    # Shown in "not supported" errors, e.g. 'redis'.
    datastore_name = 'this'

    # Reserved names (system schemas, the agent's own account) that the
    # API refuses with a 400 naming them.
    reserved_databases = frozenset()
    reserved_users = frozenset()

    def _unsupported(self, what):
        # A 400 that crosses RPC: an engine without the concept says so.
        raise exception.DatastoreOperationNotSupported(
            datastore=self.datastore_name, operation=what)

    def list_databases(self):
        return self._unsupported('databases')

    def create_databases(self, databases):
        return self._unsupported('databases')

    def delete_database(self, name):
        return self._unsupported('databases')

    def list_users(self):
        return self._unsupported('users')

    def get_user(self, name, host):
        """The user with its databases; NotFound if there is none."""
        return self._unsupported('users')

    def create_users(self, users):
        return self._unsupported('users')

    def delete_user(self, name, host):
        return self._unsupported('users')

    def update_user(self, name, host, new_name=None, new_password=None,
                    new_host=None):
        return self._unsupported('users')

    def change_passwords(self, users):
        """users: [{name, host, password}]."""
        return self._unsupported('users')

    def list_access(self, name, host):
        return self._unsupported('user access')

    def grant_access(self, name, host, databases):
        """databases: names."""
        return self._unsupported('user access')

    def revoke_access(self, name, host, database):
        return self._unsupported('user access')

    def enable_root(self, password):
        """Enable the engine's superuser with ``password``."""
        return self._unsupported('root')

    def disable_root(self):
        return self._unsupported('root')


class ConfigurationManager(object):
    """The configuration overrides of one engine: the values of the
    instance's configuration group, kept in a file the engine's config
    includes (so that they survive a restart) and set live where the
    engine allows. Values were checked by the API against the datastore
    version's rules.
    """

    datastore_name = 'this'

    def apply(self, values, restart_required, serial):
        """Make ``values`` ({name: value}) the overrides, replacing the
        previous ones ({}: back to the template defaults). Changes of the
        parameters named in ``restart_required`` wait for a restart; the
        others take effect at once. A ``serial`` older than the last one
        applied changes nothing. Returns {'restart_required': bool}:
        whether the engine runs with values other than its files hold."""
        raise exception.DatastoreOperationNotSupported(
            datastore=self.datastore_name, operation='configuration groups')

    def save(self, values, serial):
        """Store overrides before the engine first starts (at prepare)."""
        self.apply(values, [], serial)

    def defaults(self):
        """{name: value} of the engine's config template for this
        instance's flavor: what it runs with when no group is attached."""
        raise exception.DatastoreOperationNotSupported(
            datastore=self.datastore_name, operation='configuration groups')
