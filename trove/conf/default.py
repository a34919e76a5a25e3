from oslo_config import cfg
import oslo_messaging as messaging

default_opts = [
    cfg.StrOpt('state_path', default='/var/lib/trove',
               help='Top-level directory for the state this host keeps.'),
    cfg.StrOpt('auth_strategy', default='noauth',
               choices=['noauth', 'keystone'],
               help='noauth trusts the project in the URL; keystone puts the '
                    'API behind keystonemiddleware.'),
    cfg.ListOpt('admin_roles', default=['admin'],
                help='Roles that make a request an admin request.'),
    cfg.StrOpt('inst_rpc_key_encr_key', secret=True,
               help='Master key (any string) that encrypts the per-instance '
                    'RPC keys stored in the control DB. Required.'),
    cfg.StrOpt('default_datastore',
               help='Datastore used when a create request names none.'),
    cfg.IntOpt('max_accepted_volume_size', default=10, min=1,
               help='Largest volume, in GB, that one instance may ask for.'),
    cfg.IntOpt('max_instances_per_tenant', default=10,
               help='Default instance quota of a project.'),
    cfg.IntOpt('max_volumes_per_tenant', default=40,
               help='Default volume quota (GB) of a project.'),
    cfg.IntOpt('max_backups_per_tenant', default=50,
               help='Default backup quota of a project.'),
    cfg.IntOpt('http_get_rate', default=200,
               help='GET requests allowed per minute (shown by limits).'),
    cfg.IntOpt('http_post_rate', default=200,
               help='POST requests allowed per minute (shown by limits).'),
    cfg.IntOpt('http_put_rate', default=200,
               help='PUT requests allowed per minute (shown by limits).'),
    cfg.IntOpt('http_delete_rate', default=200,
               help='DELETE requests allowed per minute (shown by limits).'),
    cfg.IntOpt('agent_heartbeat_expiry', default=15,
               help='Seconds without a heartbeat after which a guest is '
                    'counted as lost (3 heartbeat intervals).'),
    cfg.IntOpt('agent_call_low_timeout', default=15,
               help='Timeout, in seconds, of short calls to a guest.'),
    cfg.IntOpt('agent_call_high_timeout', default=180,
               help='Timeout, in seconds, of long calls to a guest.'),
    cfg.StrOpt('taskmanager_topic', default='trove-taskmanager',
               help='RPC topic the taskmanager serves.'),
    cfg.StrOpt('conductor_topic', default='trove-conductor',
               help='RPC topic the conductor serves.'),
]


def register_opts(conf):
    conf.register_opts(default_opts)
    # Every trove process shares one exchange; guests find the conductor there.
    messaging.set_transport_defaults('trove')


def list_opts():
    return {'DEFAULT': default_opts}
