"""trove-conductor: receives guest heartbeats and status reports."""
import socket

from trove.cmd import common
from trove.common.rpc import transport
from trove.common import rpc_server
from trove.conductor import manager
from trove.conf import CONF


def main():
    common.setup(name='trove-conductor')
    # Only guests send to the conductor: it serves the guests' vhost.
    rpc_server.serve(CONF.conductor_topic, socket.gethostname(),
                     [manager.ConductorManager()],
                     transport=transport.get_guest_transport())


if __name__ == '__main__':
    main()
