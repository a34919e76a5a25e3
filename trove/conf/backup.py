from oslo_config import cfg

backup_group = cfg.OptGroup('backup', title='Backups and restores')

backup_opts = [
    cfg.StrOpt('storage_driver', default='local',
               choices=['local', 'swift'],
               help='Where new backups are stored: a directory of this '
                    'host (local) or an object store (swift).'),
    cfg.StrOpt('local_storage_path', default='$state_path/backups',
               help='Directory of the local storage driver. Guests of the '
                    'local compute driver write there directly.'),
    cfg.StrOpt('encryption_key', secret=True,
               help='Master key (any string) that wraps the random data '
                    'key of each backup. Only the taskmanager needs it: '
                    'guests receive the data keys of their own backups, '
                    'over their encrypted RPC. Required for backups.'),
    cfg.StrOpt('compression', default='auto',
               choices=['auto', 'zstd', 'gzip'],
               help='Compression of backup streams; auto: zstd when the '
                    'zstandard package is installed, else gzip.'),
    cfg.IntOpt('zstd_level', default=3, min=1, max=19,
               help='zstd compression level of backup streams.'),
    cfg.IntOpt('zstd_threads', default=-1, min=-1,
               help='Worker threads of zstd compression: -1 one per CPU, '
                    '0 none (compress in the calling thread). The output '
                    'is the same format either way.'),
    cfg.IntOpt('chunk_size', default=1024 * 1024, min=4096,
               help='Bytes read from the engine\'s backup tool at a time; '
                    'each is compressed, encrypted and stored as it comes.'),
    cfg.IntOpt('backup_timeout', default=3600, min=10,
               help='Seconds a backup may take; past that it is FAILED and '
                    'its instance ACTIVE again.'),
    cfg.IntOpt('handoff_timeout', default=30, min=1,
               help='Seconds a backup may stay NEW (recorded, not yet '
                    'handed to its guest by a taskmanager); past that, '
                    'as when its taskmanager died, the reaper hands it '
                    'over itself.'),
    cfg.StrOpt('swift_container', default='database_backups',
               help='Default container of the swift storage driver.'),
    cfg.StrOpt('swift_auth_url',
               help='Keystone URL the swift driver authenticates at.'),
    cfg.StrOpt('swift_user', help='User of the swift driver.'),
    cfg.StrOpt('swift_key', secret=True, help='Password of the swift user.'),
    cfg.StrOpt('swift_project', help='Project of the swift user.'),
    cfg.StrOpt('swift_auth_version', default='3',
               help='Identity API version of swift_auth_url.'),
    cfg.IntOpt('swift_segment_size', default=1024 ** 3, min=1024 * 1024,
               help='Backups are stored as segments of this many bytes '
                    'under a static large object manifest.'),
]


def register_opts(conf):
    conf.register_group(backup_group)
    conf.register_opts(backup_opts, group=backup_group)


def list_opts():
    return {backup_group: backup_opts}
