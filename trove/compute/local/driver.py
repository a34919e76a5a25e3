"""The local compute driver: instances as processes on this host.

Every method works from what is on disk, is idempotent and tolerates an
instance left half-made by a crash, because workflows are re-driven.
"""
import shutil

from oslo_log import log as logging
import psutil

from trove.common import exception
from trove.compute import base
from trove.compute.local import addresses
from trove.compute.local import agent
from trove.compute.local import cgroup as cgroups
from trove.compute.local import details
from trove.compute.local import guest_conf
from trove.compute.local import identity
from trove.compute.local import instance_processes
from trove.compute.local import layout as layouts
from trove.compute.local import standby
from trove.compute.local.volume import Volume
from trove.conf import CONF

LOG = logging.getLogger(__name__)


# Host failures (OSError, psutil) as a readable ComputeError.
_compute_errors = base.failures_as_compute_errors(
    (OSError, ValueError, psutil.Error))


def _flavor_limits(flavor):
    def value(key):
        found = flavor.get(key) if isinstance(flavor, dict) else \
            getattr(flavor, key, None)
        return int(found or 0)
    return value('ram'), value('vcpus')


class LocalComputeDriver(base.ComputeDriver):

    @staticmethod
    def _pool():
        # Built per call: options may change between calls (tests do).
        return addresses.AddressPool(CONF.local_compute.address_pool,
                                     layouts.leases_dir())

    def warm_up(self):
        standby.keep_ready()

    def cool_down(self):
        standby.stop_all()

    @_compute_errors
    def create_server(self, instance_id, flavor, volume_size, guest_config,
                      request=None):
        # ``request`` places a server in a cloud: nothing here to place.
        layout = layouts.InstanceLayout(instance_id)
        address = self._pool().allocate(instance_id)
        user, uid, gid = identity.ensure_user(instance_id,
                                              layouts.control_root())
        layout.make_dirs(uid, gid)
        Volume(layout).create(volume_size)
        # A fresh file system's root is root's.
        layouts.own_dir(layout.volume_path, uid, gid)
        ram_mb, vcpus = _flavor_limits(flavor)
        cgroup = cgroups.confine(instance_id, ram_mb, vcpus)
        guest_conf.write(layout.config_file, guest_config, {
            'instance_id': instance_id,
            'address': address,
            'instance_dir': layout.root,
            'volume_path': layout.volume_path,
            'datadir_cache_path': layouts.datadir_cache_dir(),
            'local_backup_path': CONF.backup.local_storage_path,
            'system_user': user,
            'flavor_ram': ram_mb,
            'flavor_vcpus': vcpus,
        })
        if agent.find(layout) is None:
            agent.start(layout, cgroup)
        return base.Server(compute_id=instance_id, address=address,
                           addresses=details.addresses(address),
                           host=details.host_facts(layout))

    @_compute_errors
    def delete_server(self, instance_id):
        layout = layouts.InstanceLayout(instance_id)
        cgroup = cgroups.instance_cgroup(instance_id)
        # No grace: the data goes with the volume, so a clean engine
        # shutdown would only make the user wait.
        instance_processes.stop_all(layout, cgroup, grace=0)
        volume = Volume(layout)
        volume.unmount()
        if cgroup is not None:
            cgroup.remove()
        if volume.is_mounted():
            # rmtree would go on into the volume's files.
            raise exception.ComputeError(
                reason='volume %s is still mounted' % layout.volume_path)
        for directory in (layout.root, layout.control_dir):
            try:
                shutil.rmtree(directory)
            except FileNotFoundError:
                pass
        # After its files and processes: a user removed first would leave
        # them to whoever gets its uid next.
        identity.remove_user(instance_id, layouts.control_root())
        # Last, so that an instance whose delete failed still shows in
        # list_servers and gets deleted again by the orphan reaper.
        self._pool().release(instance_id)
        LOG.info('Deleted local instance %s', instance_id)

    @_compute_errors
    def stop_server(self, instance_id):
        layout = self._existing(instance_id)
        instance_processes.stop_all(layout,
                                    cgroups.instance_cgroup(instance_id))

    def start_server(self, instance_id):
        return self.ensure_running(instance_id)

    @_compute_errors
    def reboot_server(self, instance_id):
        self.stop_server(instance_id)
        self.ensure_running(instance_id)

    @_compute_errors
    def ensure_running(self, instance_id):
        """Start the agent again if it is not running (after a host reboot).

        Brings back what a host reboot loses first: the volume mount and
        the cgroup, with the flavor recorded in guest.conf.
        :returns: True if the agent had to be started.
        """
        layout = self._existing(instance_id)
        if agent.find(layout) is not None:
            return False
        settings = guest_conf.read(layout.config_file).get(
            guest_conf.AGENT_SECTION, {})
        Volume(layout).mount()
        cgroup = cgroups.confine(instance_id,
                                 int(settings.get('flavor_ram') or 0),
                                 int(settings.get('flavor_vcpus') or 0))
        agent.start(layout, cgroup)
        return True

    @_compute_errors
    def resize_server(self, instance_id, flavor):
        layout = self._existing(instance_id)
        ram_mb, vcpus = _flavor_limits(flavor)
        cgroups.confine(instance_id, ram_mb, vcpus, strict=True)
        guest_conf.update_agent_settings(layout.config_file,
                                         flavor_ram=ram_mb,
                                         flavor_vcpus=vcpus)

    @_compute_errors
    def resize_volume(self, instance_id, new_size):
        Volume(self._existing(instance_id)).grow(new_size)

    @_compute_errors
    def get_address(self, instance_id):
        """The leased address, or None for an unknown instance."""
        layouts.validate_instance_id(instance_id)
        return self._pool().lookup(instance_id)

    @_compute_errors
    def power_state(self, instance_id):
        layout = layouts.InstanceLayout(instance_id)
        if agent.find(layout) is not None:
            return base.PowerState.RUNNING
        if layout.exists():
            return base.PowerState.SHUTDOWN
        return base.PowerState.NOSTATE

    @_compute_errors
    def get_server_details(self, instance_id):
        return details.server_details(layouts.InstanceLayout(instance_id),
                                      self.get_address(instance_id),
                                      self.power_state(instance_id))

    def list_servers(self):
        leased = {holder for holder in self._pool().holders().values()
                  if holder}
        return sorted(layouts.instance_ids_on_disk() | leased)

    @staticmethod
    def _existing(instance_id):
        layout = layouts.InstanceLayout(instance_id)
        if not layout.exists():
            raise exception.ComputeError(
                reason='instance %s has no directory under %s' % (
                    instance_id, layouts.instances_root()))
        return layout
