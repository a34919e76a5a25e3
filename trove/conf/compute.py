from oslo_config import cfg

compute_group = cfg.OptGroup('compute', title='Where instances run')

compute_opts = [
    cfg.StrOpt('driver', default='local',
               help='Compute driver (entry point in trove.compute.drivers).'),
]


def register_opts(conf):
    conf.register_group(compute_group)
    conf.register_opts(compute_opts, group=compute_group)


def list_opts():
    return {compute_group: compute_opts}
