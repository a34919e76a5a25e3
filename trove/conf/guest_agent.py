from oslo_config import cfg

guest_group = cfg.OptGroup('guest_agent',
                           title='The guest agent in an instance')

guest_opts = [
    cfg.StrOpt('instance_id', help='The instance this agent serves.'),
    cfg.StrOpt('datastore_manager',
               help='Engine entry point in trove.guestagent.datastores.'),
    cfg.StrOpt('datastore_version', help='Version name, e.g. 10.11.'),
    cfg.StrOpt('address', help='Address the engine listens on.'),
    cfg.StrOpt('instance_dir', help='Guest config, logs and pid files.'),
    cfg.StrOpt('volume_path', help='Mount point of the data volume.'),
    cfg.IntOpt('flavor_ram', default=1024, help='RAM of the flavor, MB.'),
    cfg.IntOpt('flavor_vcpus', default=1, help='vCPUs of the flavor.'),
    cfg.StrOpt('rpc_encryption_key', secret=True,
               help='Per-instance key that encrypts RPC payloads.'),
    cfg.FloatOpt('heartbeat_interval', default=5.0,
                 help='Seconds between heartbeats to the conductor.'),
    cfg.StrOpt('datadir_cache_path',
               help='Directory of freshly initialised data directories, '
                    'one per engine build and configuration, copied into '
                    'new volumes instead of initialising them again (as a '
                    'golden image would). Unset: always initialise.'),
    cfg.StrOpt('system_user',
               help='The instance\'s own system user. An agent started as '
                    'root drops to it once it has read this file, keeping '
                    'a root helper for the few steps that need more '
                    '(trove.guestagent.root_helper); its engine runs as '
                    'it too. Unset: the agent stays root and runs each '
                    'engine as the engine\'s packaged user.'),
    cfg.StrOpt('local_backup_path',
               help='The local backup store, which only the root helper '
                    'writes into for this agent.'),
    cfg.StrOpt('template_path',
               help='Directory of engine config templates; default: '
                    'etc/trove/templates of the installed project.'),
]


def register_opts(conf):
    conf.register_group(guest_group)
    conf.register_opts(guest_opts, group=guest_group)


def list_opts():
    return {guest_group: guest_opts}
