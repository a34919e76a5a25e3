"""The small interface every compute driver implements.

A "server" is whatever runs one instance: a VM (nova) or a set of
processes on this host (local). Every method is idempotent, because a
re-driven workflow may call it again after a crash.
"""
import abc
import functools

from stevedore import driver as stevedore_driver

from trove.common import exception
from trove.conf import CONF


def failures_as_compute_errors(caught, describe=str):
    """Decorator of driver methods ``(self, instance_id, ...)``: the
    failures ``caught`` (a host's, a cloud's) become a ComputeError naming
    the method, the instance and ``describe(error)``, which the workflow
    records as the instance's fault; Trove's own errors pass as they are."""
    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, instance_id, *args, **kwargs):
            try:
                return method(self, instance_id, *args, **kwargs)
            except exception.TroveError:
                raise
            except caught as error:
                raise exception.ComputeError(
                    reason='%s of instance %s failed: %s' % (
                        method.__name__, instance_id, describe(error)))
        return wrapper
    return decorator


class Server(object):
    """What create_server made, as the control DB records it.

    ``addresses``: [{'address', 'type', 'network'}], each with the
    driver's own network name and type (the API shows them as they are);
    ``host``: facts about where the server runs that do not change while
    it exists (admins read them from the DB, so the API never needs the
    driver).
    """

    def __init__(self, compute_id, address, addresses=None, host=None):
        self.compute_id = compute_id
        self.address = address
        # None: the driver names no networks; views then show ``address``
        # alone, as for servers recorded before addresses were.
        self.addresses = list(addresses or [])
        self.host = dict(host or {})


class ServerRequest(object):
    """What a create asks of the server beyond its size and guest config,
    for drivers that place it in a cloud (the local driver needs none).

    ``project_id``: the instance's owner; ``datastore``: its datastore's
    name; ``image_id`` / ``image_tags``: the datastore version's image;
    ``nics``: the user's networks ([{'net-id': ...}], as POST /instances
    carries them); ``allowed_cidrs``: who may reach the engine.
    """

    def __init__(self, project_id=None, datastore=None, image_id=None,
                 image_tags=(), nics=(), allowed_cidrs=()):
        self.project_id = project_id
        self.datastore = datastore
        self.image_id = image_id
        self.image_tags = list(image_tags or ())
        self.nics = list(nics or ())
        self.allowed_cidrs = list(allowed_cidrs or ())


class PowerState(object):
    RUNNING = 'RUNNING'
    SHUTDOWN = 'SHUTDOWN'   # exists, but the guest agent is not running
    NOSTATE = 'NOSTATE'     # no such server


class ComputeDriver(abc.ABC):

    # The create options (trove.compute.capabilities) this driver honours;
    # declared in trove.compute.capabilities too, where the API reads it.
    honoured_options = frozenset()

    def warm_up(self):
        """Called once by the taskmanager at its start: get ready to build
        servers quickly (nothing by default)."""

    def cool_down(self):
        """Called by the taskmanager as it stops: undo warm_up."""

    @abc.abstractmethod
    def create_server(self, instance_id, flavor, volume_size, guest_config,
                      request=None):
        """Create and boot the server that runs the guest agent.

        :param flavor: dict with id (Trove's flavor id), ram (MB), vcpus,
            disk.
        :param volume_size: GB of the data volume.
        :param guest_config: {section: {option: value}} for the guest
            agent's config file, as a config drive would carry it.
        :param request: a ServerRequest, or None (nothing more asked).
        :returns: Server
        """

    @abc.abstractmethod
    def delete_server(self, instance_id):
        """Remove everything the server holds; no error if it is gone."""

    @abc.abstractmethod
    def stop_server(self, instance_id):
        """Power off: stop the guest and its engine, keep everything else."""

    @abc.abstractmethod
    def start_server(self, instance_id):
        """Power on a stopped server (no-op if running); True if started."""

    @abc.abstractmethod
    def reboot_server(self, instance_id):
        """Stop and start the guest agent (and so the engine)."""

    @abc.abstractmethod
    def resize_server(self, instance_id, flavor):
        """Apply a new flavor's RAM and vCPU limits."""

    @abc.abstractmethod
    def resize_volume(self, instance_id, new_size):
        """Grow the data volume to ``new_size`` GB."""

    @abc.abstractmethod
    def get_address(self, instance_id):
        """The address clients use to reach the instance."""

    @abc.abstractmethod
    def power_state(self, instance_id):
        """A PowerState value."""

    @abc.abstractmethod
    def get_server_details(self, instance_id):
        """What the host knows of the server right now, for operators on
        the host (the API reads Server.host from the DB instead): a dict
        with at least ``host`` and ``power_state``, and whatever else the
        driver can tell (processes, volume, limits)."""

    @abc.abstractmethod
    def list_servers(self):
        """Ids of every instance this driver holds (for the orphan reaper)."""


def load_driver():
    return stevedore_driver.DriverManager(
        'trove.compute.drivers', CONF.compute.driver,
        invoke_on_load=True).driver
