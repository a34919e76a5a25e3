"""The interface every engine implements inside the guest.

The guest agent's manager only ever talks to this class, so adding an
engine means one subclass and one entry point in
``trove.guestagent.datastores``.
"""
import abc


class GuestSettings(object):
    """Where and how large: what the guest config file tells the engine."""

    def __init__(self, instance_id, address, instance_dir, volume_path,
                 flavor_ram, flavor_vcpus, version, template_path):
        self.instance_id = instance_id
        self.address = address
        self.instance_dir = instance_dir
        self.volume_path = volume_path
        self.flavor_ram = flavor_ram
        self.flavor_vcpus = flavor_vcpus
        self.version = version
        self.template_path = template_path


class Datastore(abc.ABC):

    def __init__(self, settings):
        self.settings = settings

    @abc.abstractmethod
    def prepare(self, databases, users):
        """First boot: initialise the data directory on the volume, write
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
