"""[service_credentials]: how Trove's control plane signs in to the cloud
it runs instances on (Keystone's trove service user, in Trove's service
project), for Nova, Cinder, Glance and Neutron alike.

keystoneauth1 registers the session options and auth_type here; the
chosen plugin's own options are registered by keystoneauth when it loads
the plugin (they are required ones, so registering them before would make
every service refuse a config without them).
"""
from keystoneauth1 import loading as ks_loading
from oslo_config import cfg

GROUP = 'service_credentials'

credentials_group = cfg.OptGroup(
    GROUP, title="Trove's own account in the cloud's Keystone",
    help='With auth_type = password, also: auth_url, username, password, '
         'project_name, user_domain_name, project_domain_name (the '
         'password plugin\'s options, read when the nova driver first '
         'talks to the cloud).')

credentials_opts = [
    cfg.StrOpt('region_name', help='Region of the endpoints to use.'),
    cfg.StrOpt('interface', default='public',
               choices=('public', 'internal', 'admin'),
               help='Which endpoint of each service to use.'),
]


def register_opts(conf):
    conf.register_group(credentials_group)
    conf.register_opts(credentials_opts, group=credentials_group)
    ks_loading.register_session_conf_options(conf, GROUP)
    ks_loading.register_auth_conf_options(conf, GROUP)


def list_opts():
    return {credentials_group: (
        credentials_opts + ks_loading.get_session_conf_options()
        + ks_loading.get_auth_common_conf_options())}
