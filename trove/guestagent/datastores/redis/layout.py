"""Where every Redis file of one instance lives (see common.layout).

The ACL file sits in the data directory: users live as long as the data,
and Redis rewrites it (ACL SAVE) with a rename in its own directory.
"""
import os
import shutil

from trove.guestagent.datastores.common import layout as common_layout
from trove.guestagent.datastores.common import process as common_process

ENGINE_USER = 'redis'
PORT = 6379
BINARY = 'redis-server'


class Layout(common_layout.EngineLayout):

    engine_user = ENGINE_USER
    name = 'redis'
    process_name = 'redis-server'

    def __init__(self, settings):
        super().__init__(settings)
        self.config_file = os.path.join(self.base_dir, 'redis.conf')
        # The configuration group's values, included last.
        self.overrides_file = os.path.join(self.base_dir, 'overrides.conf')
        self.acl_file = os.path.join(self.datadir, 'users.acl')
        self.socket = os.path.join(self.run_dir, 'redis.sock')
        self.pid_file = os.path.join(self.run_dir, 'redis-server.pid')


def binary():
    """One Redis per host in distributions: the one on PATH."""
    found = shutil.which(BINARY) or shutil.which(
        BINARY, path='/usr/sbin:/usr/local/bin')
    if not found:
        raise common_process.EngineError('Redis is not installed on this host')
    return found
