from oslo_config import cfg

api_group = cfg.OptGroup('api', title='REST API server')

api_opts = [
    cfg.HostAddressOpt('bind_host', default='127.0.0.1',
                       help='Address trove-api listens on.'),
    cfg.PortOpt('bind_port', default=8779, help='Port trove-api listens on.'),
    cfg.URIOpt('public_endpoint', schemes=['http', 'https'],
               help='The URL clients reach trove-api at (e.g. '
                    'https://db.example.com:8779, or behind a proxy '
                    'https://cloud.example.com/database). Links in '
                    'responses start with it; when unset they start with '
                    'http://bind_host:bind_port. Never taken from a '
                    "request's Host header."),
    cfg.IntOpt('workers', default=2, min=1,
               help='WSGI worker processes of trove-api.'),
    cfg.IntOpt('threads', default=100, min=1,
               help='Threads of each worker: requests one worker serves '
                    'at once. Idle connections wait without a thread; '
                    'a client that sends half a request holds one for up '
                    'to client_timeout seconds.'),
    cfg.IntOpt('client_timeout', default=30, min=1,
               help='Seconds a client has to send a whole request once '
                    'a thread takes it; slower clients are disconnected.'),
    cfg.IntOpt('keepalive', default=5, min=0,
               help='Seconds an idle kept-alive or silent connection '
                    'stays open.'),
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
