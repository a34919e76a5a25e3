"""Configuration: one module per option group, all registered on import."""
from oslo_config import cfg

from trove.conf import api
from trove.conf import backup
from trove.conf import compute
from trove.conf import conductor
from trove.conf import default
from trove.conf import guest_agent
from trove.conf import guest_bus
from trove.conf import local_compute
from trove.conf import notification
from trove.conf import nova_compute
from trove.conf import service_credentials
from trove.conf import taskmanager

CONF = cfg.CONF

for _module in (default, api, backup, compute, conductor, local_compute,
                guest_agent, guest_bus, taskmanager, notification,
                nova_compute, service_credentials):
    _module.register_opts(CONF)
