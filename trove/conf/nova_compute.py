from oslo_config import cfg

nova_group = cfg.OptGroup('nova_compute',
                          title='The nova compute driver (an OpenStack cloud)')

nova_opts = [
    cfg.ListOpt('management_networks', default=[],
                help='Networks (ids or names) every server gets a port '
                     'on first, through which its guest agent reaches the '
                     'message bus; the user\'s --nic networks follow.'),
    cfg.ListOpt('management_security_groups', default=[],
                help='Ids of security groups added to the ports on the '
                     'management networks, beside the instance\'s own.'),
    cfg.BoolOpt('volume_support', default=False,
                help='Give each instance a Cinder volume of its volume '
                     'size, attached by Nova. Off: the data lives on the '
                     'flavor\'s disk.'),
    cfg.StrOpt('volume_type',
               help='Cinder volume type of the data volumes; none: the '
                    'cloud\'s default.'),
    cfg.StrOpt('availability_zone',
               help='Availability zone of servers and volumes; none: the '
                    'cloud chooses.'),
    cfg.StrOpt('server_group_policy',
               choices=('anti-affinity', 'affinity', 'soft-anti-affinity',
                        'soft-affinity'),
               help='Put each server in a server group of its own with this '
                    'policy (a scheduler hint Nova honours when the '
                    'group later holds replicas); none: no server group.'),
    cfg.DictOpt('engine_ports',
                default={'mariadb': '3306', 'mysql': '3306',
                         'postgresql': '5432', 'redis': '6379'},
                help='TCP port of each datastore manager\'s engine: the one '
                     'port the instance\'s security group opens.'),
    cfg.StrOpt('compute_api_version', default='2.67',
               help='Compute API microversion (at least 2.52: tags at '
                    'boot, nics "none").'),
    cfg.StrOpt('volume_api_version', default='3.42',
               help='Block storage API microversion (3.42: extending an '
                    'attached volume).'),
    cfg.IntOpt('boot_timeout', default=100, min=1,
               help='Seconds a server (and its volume) may take to become '
                    'ACTIVE; keep it below [taskmanager] build_timeout.'),
    cfg.IntOpt('operation_timeout', default=120, min=1,
               help='Seconds a stop, start, reboot, resize or delete may '
                    'take on Nova or Cinder before it is failed.'),
    cfg.FloatOpt('poll_interval', default=1.0, min=0.01,
                 help='Seconds between polls of a server or volume.'),
]


def register_opts(conf):
    conf.register_group(nova_group)
    conf.register_opts(nova_opts, group=nova_group)


def list_opts():
    return {nova_group: nova_opts}
