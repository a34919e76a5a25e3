"""Options for oslo-config-generator (namespace 'trove').

Every module of trove/conf (but this one) must be listed here and in
trove/conf/__init__.py; trove/tests/unit/test_config_sample.py checks it.
"""
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

MODULES = (default, api, backup, compute, conductor, local_compute,
           guest_agent, guest_bus, taskmanager, notification, nova_compute,
           service_credentials)


def list_opts():
    # Keyed by group name, so that two modules adding options to one group
    # (DEFAULT, say) add up instead of one replacing the other.
    groups = {}
    for module in MODULES:
        for group, opts in module.list_opts().items():
            name = getattr(group, 'name', group)
            if name in groups:
                groups[name] = (groups[name][0], groups[name][1] + list(opts))
            else:
                groups[name] = (group, list(opts))
    return list(groups.values())
