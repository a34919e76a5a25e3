"""A MariaDBDatastore on throwaway directories, killed and removed after."""
import contextlib
import os
import shutil
import tempfile

import pymysql
import pytest

from trove.guestagent.datastores import base
from trove.guestagent.datastores.mariadb import engine as mariadb_engine


needs_root_and_mariadb = pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which('mariadbd'),
    reason='needs root and mariadb-server')


@contextlib.contextmanager
def mariadb_datastore(address, instance_id):
    # Not tmp_path: its parents are 0700 and the mysql user must traverse.
    root = tempfile.mkdtemp(prefix='trove-guest-mariadb-')
    os.chmod(root, 0o755)
    settings = base.GuestSettings(
        instance_id=instance_id, address=address,
        instance_dir=os.path.join(root, 'instance'),
        volume_path=os.path.join(root, 'volume'), flavor_ram=512,
        flavor_vcpus=1, version='10.11', template_path=None)
    os.makedirs(settings.instance_dir, mode=0o700)
    os.makedirs(settings.volume_path, mode=0o700)
    engine = mariadb_engine.MariaDBDatastore(settings)
    try:
        yield engine
    finally:
        engine.process.kill()
        shutil.rmtree(root)


def connect(address, user, password, database=None):
    """A client's login over TCP, as `mysql -h ADDRESS` would make it."""
    return pymysql.connect(host=address, port=3306, user=user,
                           password=password, database=database,
                           connect_timeout=5, autocommit=True)
