"""The bus guests reach: a vhost of its own and the broker's accounts."""
from oslo_config import cfg

guest_bus_group = cfg.OptGroup(
    'guest_bus', title='The part of the bus guests reach',
    help='Guests talk to the control plane in a vhost of their own, each '
         'with a broker account limited to its own topic and to sending '
         'to the conductor. Unset: guests share the control plane\'s '
         'transport_url and account (only for in-process test '
         'transports).')

guest_bus_opts = [
    cfg.StrOpt('transport_url', secret=True,
               help='The control plane\'s URL of the guests\' vhost, e.g. '
                    'rabbit://trove-control:PASSWORD@127.0.0.1:5672/'
                    'trove-guests. Its host and vhost go into each guest\'s '
                    'own URL; its account also signs in to the management '
                    'API.'),
    cfg.URIOpt('management_url', schemes=['http', 'https'],
               help='RabbitMQ management API (plugin rabbitmq_management), '
                    'e.g. http://127.0.0.1:15672/, through which the '
                    'taskmanager creates and removes guest accounts.'),
    cfg.FloatOpt('management_timeout', default=10.0, min=0.1,
                 help='Seconds one management API request may take.'),
]


def register_opts(conf):
    conf.register_group(guest_bus_group)
    conf.register_opts(guest_bus_opts, group=guest_bus_group)


def list_opts():
    return {guest_bus_group: guest_bus_opts}
