"""trove-conductor: receives guest heartbeats and status reports."""
import socket

from trove.cmd import common
from trove.common import service
from trove.conductor import manager
from trove.conf import CONF


def main():
    common.setup(name='trove-conductor')
    service.serve(CONF.conductor_topic, socket.gethostname(),
                  [manager.ConductorManager()])


if __name__ == '__main__':
    main()
