from oslo_config import cfg

conductor_group = cfg.OptGroup('conductor', title='The conductor')

conductor_opts = [
    cfg.IntOpt('report_max_age', default=300, min=1,
               help='Seconds after its guest-clock timestamp a guest\'s '
                    'report (heartbeat, fault, backup progress) is still '
                    'believed; older ones are dropped as replays. Guest '
                    'clocks must be within this of the conductor\'s.'),
]


def register_opts(conf):
    conf.register_group(conductor_group)
    conf.register_opts(conductor_opts, group=conductor_group)


def list_opts():
    return {conductor_group: conductor_opts}
