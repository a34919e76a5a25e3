from oslo_config import cfg

api_group = cfg.OptGroup('api', title='REST API server')

api_opts = [
    cfg.HostAddressOpt('bind_host', default='127.0.0.1',
                       help='Address trove-api listens on.'),
    cfg.PortOpt('bind_port', default=8779, help='Port trove-api listens on.'),
    cfg.IntOpt('workers', default=2, min=1,
               help='WSGI worker processes of trove-api.'),
    cfg.IntOpt('max_request_body_size', default=262144,
               help='Largest request body accepted, in bytes (413 above).'),
    cfg.StrOpt('noauth_admin_token', secret=True,
               help='With auth_strategy=noauth, a request carrying this '
                    'token gets the admin role; other tokens get member.'),
]


def register_opts(conf):
    conf.register_group(api_group)
    conf.register_opts(api_opts, group=api_group)


def list_opts():
    return {api_group: api_opts}
