"""The test cloud's Nova virt driver: each server is a set of processes on
this host, run the way Trove's local compute driver runs an instance.

nova.conf:  compute_driver = trove.tests.cloud.virt_driver.TestCloudDriver

It runs inside nova-compute (Nova's virtualenv, with nova on the path) and
imports only Nova and the standard library; the work is done by
trove/tests/cloud/launcher.py, run with Trove's python
(``[trove_test_cloud] trove_python``), because Trove's modules need their
own oslo versions. The launcher answers from what is on disk and from the
processes that live, so nova-compute keeps no state of its own.
"""
import json
import os
import shutil
import subprocess

from oslo_config import cfg
from oslo_log import log as logging
from oslo_serialization import jsonutils
import psutil

from nova.compute import power_state
from nova.compute import task_states
from nova import exception
from nova.objects import fields as obj_fields
from nova.virt import driver
from nova.virt import hardware
import nova.virt.node

LOG = logging.getLogger(__name__)
CONF = cfg.CONF

OPTS = [
    cfg.StrOpt('trove_python', required=True,
               help="Trove's virtualenv python, which runs the launcher."),
    cfg.StrOpt('launcher_config', required=True,
               help="The launcher's trove.conf-shaped config file."),
    cfg.IntOpt('launcher_timeout', default=300,
               help='Seconds one launcher call may take (a create makes a '
                    'user, a volume and starts the guest agent).'),
]
CONF.register_opts(OPTS, group='trove_test_cloud')

MiB = 1024 ** 2
GiB = 1024 ** 3
_POWER_STATES = {
    'RUNNING': power_state.RUNNING,
    'SHUTDOWN': power_state.SHUTDOWN,
    'NOSTATE': power_state.NOSTATE,
}


class LauncherError(exception.NovaException):
    msg_fmt = 'The test cloud launcher failed: %(reason)s'


def launcher(action, server_id='', request=None):
    """One launcher call; its JSON answer, or LauncherError."""
    options = CONF.trove_test_cloud
    argv = [options.trove_python, '-m', 'trove.tests.cloud.launcher',
            '--config-file', options.launcher_config, action]
    if server_id:
        argv.append(server_id)
    try:
        done = subprocess.run(
            argv, input=json.dumps(request or {}), capture_output=True,
            text=True, timeout=options.launcher_timeout,
            cwd='/', env=dict(os.environ, PYTHONPATH=_trove_tree()))
    except (OSError, subprocess.SubprocessError) as error:
        raise LauncherError(reason='%s %s: %s' % (action, server_id, error))
    try:
        answer = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        answer = {'error': done.stderr.strip()[-2000:] or 'no answer'}
    if done.returncode != 0 or 'error' in answer:
        raise LauncherError(reason='%s %s: %s' % (
            action, server_id, answer.get('error')))
    return answer


def _trove_tree():
    # This file is trove/tests/cloud/virt_driver.py in the project's tree.
    return os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))))


def _address(network_info):
    """The first fixed IPv4 address of the server's ports, or None."""
    for vif in network_info or []:
        for ip in vif.fixed_ips():
            if ip['version'] == 4:
                return ip['address']
    return None


class TestCloudDriver(driver.ComputeDriver):

    capabilities = dict(driver.ComputeDriver.capabilities,
                        supports_image_type_raw=True)

    def __init__(self, virtapi, read_only=False):
        super().__init__(virtapi)
        self._host = None

    def init_host(self, host):
        self._host = host
        launcher('list')  # fails early if Trove's python cannot run it

    def get_available_nodes(self, refresh=False):
        return [self._host or CONF.host]

    def get_host_ip_addr(self):
        return CONF.my_ip

    # -- servers ---------------------------------------------------------

    def spawn(self, context, instance, image_meta, injected_files,
              admin_password, allocations, network_info=None,
              block_device_info=None, power_on=True, accel_info=None):
        flavor = instance.flavor
        answer = launcher('create', instance.uuid, {
            'address': _address(network_info),
            'ram_mb': flavor.memory_mb,
            'vcpus': flavor.vcpus,
            'disk_gb': flavor.root_gb,
            'user_data': instance.user_data,
        })
        LOG.info('Server runs under %(root)s as %(user)s (guest agent: '
                 '%(agent)s)', {'root': answer['root'],
                                'user': answer['user'],
                                'agent': answer['guest_agent']},
                 instance=instance)
        if not power_on:
            launcher('power_off', instance.uuid)

    def destroy(self, context, instance, network_info, block_device_info=None,
                destroy_disks=True, destroy_secrets=True):
        if instance.task_state == task_states.RESIZE_REVERTING:
            # A revert "destroys" the resized copy on the destination,
            # which is this host and this very server: it only stops,
            # and finish_revert_migration brings it back as it was.
            launcher('power_off', instance.uuid)
            return
        launcher('delete', instance.uuid)

    def cleanup(self, context, instance, network_info, block_device_info=None,
                destroy_disks=True, migrate_data=None, destroy_vifs=True,
                destroy_secrets=True):
        """destroy() removed everything: there is nothing left to clean."""

    def power_off(self, instance, timeout=0, retry_interval=0):
        launcher('power_off', instance.uuid)

    def power_on(self, context, instance, network_info,
                 block_device_info=None, accel_info=None, share_info=None):
        launcher('power_on', instance.uuid)

    def reboot(self, context, instance, network_info, reboot_type,
               block_device_info=None, bad_volumes_callback=None,
               accel_info=None, share_info=None):
        launcher('reboot', instance.uuid)

    # -- resize, always to this same host (allow_resize_to_same_host) -----

    def migrate_disk_and_power_off(self, context, instance, dest, flavor,
                                   network_info, block_device_info=None,
                                   timeout=0, retry_interval=0):
        launcher('power_off', instance.uuid)
        return '{}'  # no disk moves: the server stays where it is

    def finish_migration(self, context, migration, instance, disk_info,
                         network_info, image_meta, resize_instance,
                         allocations, block_device_info=None, power_on=True,
                         share_info=None):
        # Nova has made instance.flavor the new flavor by now.
        self._apply_flavor(instance)
        if power_on:
            launcher('power_on', instance.uuid)

    def confirm_migration(self, context, migration, instance, network_info):
        """Nothing of the old flavor is left to remove on one host."""

    def finish_revert_migration(self, context, instance, network_info,
                                migration, block_device_info=None,
                                power_on=True, share_info=None):
        # instance.flavor is the old flavor again; a grown disk stays grown
        # (a filesystem is never shrunk under a server's data).
        launcher('power_off', instance.uuid)
        self._apply_flavor(instance)
        if power_on:
            launcher('power_on', instance.uuid)

    @staticmethod
    def _apply_flavor(instance):
        flavor = instance.flavor
        launcher('resize', instance.uuid, {
            'ram_mb': flavor.memory_mb, 'vcpus': flavor.vcpus,
            'disk_gb': flavor.root_gb})

    def resume_state_on_host_boot(self, context, instance, network_info,
                                  share_info, block_device_info=None):
        launcher('power_on', instance.uuid)

    def plug_vifs(self, instance, network_info):
        """Nothing to plug: the port's address is on lo already."""

    def unplug_vifs(self, instance, network_info):
        """Nothing was plugged."""

    def get_info(self, instance, use_cache=True):
        state = launcher('state', instance.uuid)['power_state']
        if state == 'NOSTATE':
            raise exception.InstanceNotFound(instance_id=instance.uuid)
        return hardware.InstanceInfo(state=_POWER_STATES[state])

    def list_instance_uuids(self):
        return launcher('list')['servers']

    def list_instances(self):
        # A server's name on this "hypervisor" is its uuid.
        return self.list_instance_uuids()

    def instance_on_disk(self, instance):
        return False

    # -- the host ----------------------------------------------------------

    @staticmethod
    def _host_figures():
        """This host's real CPUs, RAM and disk (where servers' volumes go)."""
        memory = psutil.virtual_memory()
        disk = shutil.disk_usage(CONF.instances_path
                                 if os.path.isdir(CONF.instances_path)
                                 else '/')
        return {
            'vcpus': os.cpu_count() or 1,
            'memory_mb': memory.total // MiB,
            'memory_mb_used': (memory.total - memory.available) // MiB,
            'local_gb': disk.total // GiB,
            'local_gb_used': disk.used // GiB,
            'disk_available_least': disk.free // GiB,
        }

    def get_available_resource(self, nodename):
        figures = self._host_figures()
        figures.update({
            'vcpus_used': 0,
            'hypervisor_type': 'trove-test-cloud',
            'hypervisor_version': 1000,
            'hypervisor_hostname': nodename,
            'cpu_info': jsonutils.dumps({'arch': 'x86_64'}),
            'supported_instances': [(obj_fields.Architecture.X86_64,
                                     obj_fields.HVType.BAREMETAL,
                                     obj_fields.VMMode.HVM)],
            'numa_topology': None,
            'uuid': nova.virt.node.get_local_node_uuid(),
        })
        return figures

    def update_provider_tree(self, provider_tree, nodename, allocations=None):
        figures = self._host_figures()
        inventory = provider_tree.data(nodename).inventory
        ratios = self._get_allocation_ratios(inventory)
        totals = {
            'VCPU': (figures['vcpus'], CONF.reserved_host_cpus),
            'MEMORY_MB': (figures['memory_mb'], CONF.reserved_host_memory_mb),
            'DISK_GB': (figures['local_gb'],
                        self._get_reserved_host_disk_gb_from_config()),
        }
        provider_tree.update_inventory(nodename, {
            resource: {'total': total, 'min_unit': 1, 'max_unit': total,
                       'step_size': 1, 'reserved': reserved,
                       'allocation_ratio': ratios[resource]}
            for resource, (total, reserved) in totals.items()})
