"""trove-conductor: receives guest heartbeats and status reports."""
import socket

from trove.cmd import common
from trove.common import rpc_server
from trove.conductor import manager
from trove.conf import CONF


def main():
    common.setup(name='trove-conductor')
    rpc_server.serve(CONF.conductor_topic, socket.gethostname(),
                     [manager.ConductorManager()])


if __name__ == '__main__':
    main()
