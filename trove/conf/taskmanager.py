from oslo_config import cfg

tm_group = cfg.OptGroup('taskmanager', title='Long-running work')

tm_opts = [
    cfg.IntOpt('build_timeout', default=120,
               help='Seconds a create may take before the instance goes to '
                    'ERROR with a fault.'),
    cfg.IntOpt('delete_timeout', default=60,
               help='Seconds after which an unfinished delete is re-driven.'),
    cfg.IntOpt('reboot_timeout', default=120,
               help='Seconds a restart may take before it is failed.'),
    cfg.IntOpt('resize_timeout', default=300,
               help='Seconds a flavor or volume resize may take before it '
                    'is failed.'),
    cfg.IntOpt('watchdog_interval', default=5,
               help='Seconds between checks that every instance\'s guest '
                    'runs, and that no server is left without an instance.'),
    cfg.IntOpt('reaper_interval', default=5,
               help='Seconds between passes of the stuck-work reaper.'),
    cfg.IntOpt('backup_schedule_interval', default=10, min=1,
               help='Seconds between passes that start the backups of due '
                    'backup schedules and delete what their retention no '
                    'longer keeps; a run on a busy instance is retried '
                    'after this long.'),
    cfg.IntOpt('claim_expiry', default=30, min=3,
               help='Seconds after which the claims of a taskmanager that '
                    'stopped renewing them (it died) may be taken by '
                    'another. Held claims are renewed every third of it.'),
]


def register_opts(conf):
    conf.register_group(tm_group)
    conf.register_opts(tm_opts, group=tm_group)


def list_opts():
    return {tm_group: tm_opts}
