"""Options for oslo-config-generator (namespace 'trove')."""
from trove.conf import api
from trove.conf import compute
from trove.conf import default
from trove.conf import guest_agent
from trove.conf import local_compute
from trove.conf import taskmanager


def list_opts():
    groups = {}
    for module in (default, api, compute, local_compute, guest_agent,
                   taskmanager):
        groups.update(module.list_opts())
    return list(groups.items())
