"""Usage notifications (trove.instance.* events). Their transport, driver
and topics are oslo.messaging's [oslo_messaging_notifications] options."""
import socket

from oslo_config import cfg

notification_opts = [
    cfg.StrOpt('host', default=socket.gethostname(),
               sample_default='<the host name>',
               help='Name of this host: notifications are published as '
                    'trove.<host>.'),
    cfg.StrOpt('region', default='RegionOne',
               help='Region named in notifications.'),
    cfg.IntOpt('exists_notification_interval', default=3600, min=0,
               help='Seconds between trove.instance.exists notifications '
                    'of every live instance (sent by the taskmanager); 0 '
                    'sends none.'),
    cfg.DictOpt('notification_service_id',
                default={'mysql': '2f3ff068-2bfb-4f70-9a9d-a6bb65bc084b',
                         'mariadb': '7a4f82cc-10d2-4bc6-aadc-d9aacc2a3cb5',
                         'postgresql': 'ac277e0d-4f21-40aa-b347-1ea31e571720',
                         'redis': 'b216ffc5-1947-456c-a4cf-70f94c05f7d0'},
                help='Service id in notifications, by datastore manager '
                     '(Trove\'s values, which billing systems know).'),
]


def register_opts(conf):
    conf.register_opts(notification_opts)


def list_opts():
    return {'DEFAULT': notification_opts}
