from oslo_config import cfg

local_group = cfg.OptGroup('local_compute',
                           title='The local compute driver (one host)')

local_opts = [
    cfg.StrOpt('instances_path', default='$state_path/instances',
               help='One directory per instance lives here.'),
    cfg.StrOpt('address_pool', default='127.77.0.0/16',
               help='Loopback network instances take their addresses from.'),
    cfg.BoolOpt('use_loop_volumes', default=True,
                help='Give each instance an ext4 image, loop-mounted. Falls '
                     'back to a plain directory where loop devices are '
                     'unavailable.'),
    cfg.BoolOpt('use_cgroups', default=True,
                help='Enforce flavor RAM and vCPUs with a cgroup where the '
                     'host allows it.'),
    cfg.StrOpt('cgroup_root', default='/sys/fs/cgroup',
               help='Where the host mounts its cgroup hierarchies.'),
    cfg.StrOpt('cgroup_prefix', default='trove',
               help='Parent cgroup under which each instance gets its own.'),
    cfg.StrOpt('guestagent_command',
               help='Command that starts a guest agent; default: the '
                    'trove-guestagent beside the running interpreter. '
                    'Split like a shell would; "--config-file <file>" '
                    'is appended.'),
    cfg.BoolOpt('standby_agent', default=True,
                help='The taskmanager keeps a process with the guest '
                     'agent\'s libraries imported and forks new agents '
                     'from it, instead of starting a Python process per '
                     'server (about 0.4 s of CPU each). Unused with '
                     'guestagent_command.'),
    cfg.FloatOpt('process_stop_timeout', default=5.0, min=0,
                 help='Seconds an instance\'s processes get to exit after '
                      'SIGTERM (on delete and reboot) before SIGKILL.'),
]


def register_opts(conf):
    conf.register_group(local_group)
    conf.register_opts(local_opts, group=local_group)


def list_opts():
    return {local_group: local_opts}
