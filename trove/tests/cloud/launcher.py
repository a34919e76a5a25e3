"""Runs a test-cloud server as processes on this host, with Trove's own
local-driver modules (user, layout, volume, cgroup, guest config, agent).

The test cloud's virt driver (virt_driver.py) lives in nova-compute, in
Nova's virtualenv, whose oslo libraries are not Trove's: it calls this
module by subprocess with Trove's python instead of importing Trove.

  python -m trove.tests.cloud.launcher --config-file launcher.conf \\
      ACTION SERVER_ID < request.json

ACTION is create (the request: address, ram_mb, vcpus, disk_gb and
Nova's base64 user_data), resize (ram_mb, vcpus, disk_gb; the server is
off), delete, power_off, power_on, reboot or state;
``list``, ``power_off_all`` (the cloud stops) and ``purge`` (every
server deleted) take no server id. The answer is one JSON object on stdout.

A server's "image" runs Trove's guest agent when the user data brought
its config (/etc/trove/conf.d/trove-guestagent.conf, as Trove's nova
driver sends it); any other server runs an idle init process, so that a
server is on exactly while a process of it lives.
"""
import json
import os
import subprocess
import sys

from oslo_config import cfg
from oslo_log import log as logging

from trove.compute.local import agent
from trove.compute.local import cgroup as cgroups
from trove.compute.local import driver as local_driver
from trove.compute.local import guest_conf
from trove.compute.local import identity
from trove.compute.local import layout as layouts
from trove.compute.local import process
from trove.compute.local import volume as volumes
from trove.compute.local.volume import Volume
from trove.conf import CONF
from trove.tests.cloud import cloud_config

LOG = logging.getLogger(__name__)

GUEST_CONFIG_FILES = ('/etc/trove/conf.d/guest_info.conf',
                      '/etc/trove/conf.d/trove-guestagent.conf')
# Stands for a booted OS without Trove's agent: lives until stopped.
IDLE_INIT = ['/bin/sleep', 'infinity']


def _guest_config(root):
    """The guest's config from the files its user data wrote, or None."""
    sections = None
    for path in GUEST_CONFIG_FILES:
        host_path = cloud_config.server_path(root, path)
        if os.path.isfile(host_path) and not os.path.islink(host_path):
            sections = sections or {}
            for name, options in guest_conf.read(host_path).items():
                sections.setdefault(name, {}).update(options)
    return sections


def _start_idle(layout, cgroup, uid, gid):
    join = cgroup.joiner() if cgroup else None

    def become_server():
        if join:
            join()
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)

    environment = {'PATH': '/usr/bin:/bin',
                   agent.INSTANCE_ENV_KEY: layout.instance_id}
    with open(layout.agent_log, 'ab') as log:
        child = subprocess.Popen(
            IDLE_INIT, stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT, close_fds=True, start_new_session=True,
            cwd=layout.root, env=environment, preexec_fn=become_server)
    process.write_pid_file(layout.agent_pid_file, child.pid)


def _boot(layout, cgroup):
    """Start the server's init: the guest agent or the idle process."""
    if os.path.exists(layout.config_file):
        agent.start(layout, cgroup)
        return
    _, uid, gid = identity.ensure_user(layout.instance_id,
                                       layouts.control_root())
    _start_idle(layout, cgroup, uid, gid)


def create(server_id, request):
    """What LocalComputeDriver.create_server does, with Nova's address,
    flavor and user data instead of the pool's and Trove's."""
    layout = layouts.InstanceLayout(server_id)
    user, uid, gid = identity.ensure_user(server_id, layouts.control_root())
    layout.make_dirs(uid, gid)
    Volume(layout).create(max(int(request.get('disk_gb') or 1), 1))
    layouts.own_dir(layout.volume_path, uid, gid)
    ram_mb, vcpus = int(request['ram_mb']), int(request['vcpus'])
    cgroup = cgroups.confine(server_id, ram_mb, vcpus)
    written = cloud_config.write_files(
        cloud_config.parse(request.get('user_data')), layout.root, uid, gid)
    sections = _guest_config(layout.root)
    if sections is not None:
        settings = {
            'address': request.get('address') or '127.0.0.1',
            'instance_dir': layout.root,
            'volume_path': layout.volume_path,
            'datadir_cache_path': layouts.datadir_cache_dir(),
            'local_backup_path': CONF.backup.local_storage_path,
            'system_user': user,
            'flavor_ram': ram_mb,
            'flavor_vcpus': vcpus,
        }
        # The Trove instance id comes with the guest's config: the
        # server's id is Nova's, not Trove's.
        settings['instance_id'] = sections.get(
            guest_conf.AGENT_SECTION, {}).get('instance_id', server_id)
        guest_conf.write(layout.config_file, sections, settings)
    if agent.find(layout) is None:
        _boot(layout, cgroup)
    return {'root': layout.root, 'user': user, 'files': written,
            'guest_agent': sections is not None}


def power_on(server_id):
    layout = layouts.InstanceLayout(server_id)
    if not layout.exists():
        raise ValueError('server %s has no directory' % server_id)
    if agent.find(layout) is not None:
        return {'started': False}
    Volume(layout).mount()
    settings = {}
    if os.path.exists(layout.config_file):
        settings = guest_conf.read(layout.config_file).get(
            guest_conf.AGENT_SECTION, {})
    cgroup = cgroups.confine(server_id, int(settings.get('flavor_ram') or 0),
                             int(settings.get('flavor_vcpus') or 0))
    _boot(layout, cgroup)
    return {'started': True}


def resize(server_id, request):
    """The new flavor of a stopped server: its cgroup's limits, the
    guest's flavor settings, and a disk that grows (never shrinks)."""
    layout = layouts.InstanceLayout(server_id)
    if not layout.exists():
        raise ValueError('server %s has no directory' % server_id)
    ram_mb, vcpus = int(request['ram_mb']), int(request['vcpus'])
    cgroups.confine(server_id, ram_mb, vcpus, strict=True)
    if os.path.exists(layout.config_file):
        guest_conf.update_agent_settings(layout.config_file,
                                         flavor_ram=ram_mb,
                                         flavor_vcpus=vcpus)
    volume = Volume(layout)
    disk_gb = max(int(request.get('disk_gb') or 1), 1)
    if volume.is_image and disk_gb * volumes.GiB > os.path.getsize(
            volume.image):
        volume.grow(disk_gb)
    return {'disk_gb': disk_gb}


def run(action, server_id, request):
    local = local_driver.LocalComputeDriver()
    if action == 'list':
        return {'servers': sorted(layouts.instance_ids_on_disk())}
    if action in ('power_off_all', 'purge'):
        for each in sorted(layouts.instance_ids_on_disk()):
            run('power_off' if action == 'power_off_all' else 'delete',
                each, {})
        return {}
    if action == 'create':
        return create(server_id, request)
    if action == 'resize':
        return resize(server_id, request)
    if action == 'delete':
        local.delete_server(server_id)
        return {}
    if action == 'power_off':
        if layouts.InstanceLayout(server_id).exists():
            local.stop_server(server_id)
        return {}
    if action == 'power_on':
        return power_on(server_id)
    if action == 'reboot':
        local.stop_server(server_id)
        return power_on(server_id)
    if action == 'state':
        return {'power_state': local.power_state(server_id)}
    raise ValueError('unknown action %r' % action)


def main(argv=None):
    CONF.register_cli_opt(cfg.StrOpt('action', positional=True))
    CONF.register_cli_opt(cfg.StrOpt('server_id', positional=True,
                                     required=False, default=''))
    logging.register_options(CONF)
    CONF(argv if argv is not None else sys.argv[1:], project='trove',
         default_config_files=[])
    logging.setup(CONF, 'trove-test-cloud-launcher')
    request = {}
    if CONF.action in ('create', 'resize'):
        request = json.load(sys.stdin)
    try:
        answer = run(CONF.action, CONF.server_id, request)
    except Exception as error:  # nova-compute shows this as the fault
        reason = '%s: %s' % (type(error).__name__, error)
        print(json.dumps({'error': reason}))
        LOG.exception('%s of server %s failed', CONF.action, CONF.server_id)
        return 1
    print(json.dumps(answer))
    return 0


if __name__ == '__main__':
    sys.exit(main())
