"""Per engine, for the configuration group tests: an instance to create,
parameters to change (two live, one that needs a restart, some bad
values), and how to read a setting inside the running engine."""
import collections

import psycopg2
import pymysql
import redis

from trove.guestagent.datastores.redis import client as redis_client

USER, PASSWORD, DATABASE = 'cfguser', 'cfg-pass', 'cfgdb'

Engine = collections.namedtuple('Engine', [
    'datastore', 'flavor', 'live', 'live2', 'restart', 'bad', 'default_key',
    'with_users'])

ENGINES = {
    'mariadb': Engine(
        'mariadb', 'db.tiny', ('max_connections', 120),
        ('wait_timeout', 300), ('innodb_buffer_pool_size', 33554432),
        [{'max_connections': 5}, {'max_connections': 'lots'},
         {'no_such_parameter': 1}],
        'max_connections', True),
    'postgresql': Engine(
        'postgresql', 'db.tiny', ('work_mem', 8192),
        ('statement_timeout', 5000), ('shared_buffers', 4096),
        [{'work_mem': 1}, {'work_mem': 2.5}, {'no_such_parameter': 1}],
        'max_connections', True),
    'redis': Engine(
        'redis', 'db.tiny', ('timeout', 120),
        ('maxmemory-policy', 'allkeys-lru'), ('databases', 32),
        [{'hz': 1000}, {'timeout': True}, {'no_such_parameter': 1}],
        'timeout', False),
}


def create_kwargs(engine):
    if not engine.with_users:
        return {}
    return {'databases': [{'name': DATABASE}],
            'users': [{'name': USER, 'password': PASSWORD,
                       'databases': [{'name': DATABASE}]}]}


class Reader(object):
    """Reads settings of a running instance as the engine reports them,
    as text; ``root_password`` for Redis (which has no other login)."""

    def __init__(self, engine, instance, root_password=None):
        self.engine = engine
        self.address = instance.ip[0]
        self.root_password = root_password

    def read(self, name):
        return getattr(self, '_' + self.engine.datastore)(name)

    def _mariadb(self, name):
        connection = pymysql.connect(host=self.address, user=USER,
                                     password=PASSWORD, database=DATABASE,
                                     connect_timeout=5)
        try:
            with connection.cursor() as cursor:
                # Names come from ENGINES above, never from a user.
                cursor.execute('SELECT @@GLOBAL.%s' % name)
                return str(cursor.fetchone()[0])
        finally:
            connection.close()

    def _postgresql(self, name):
        connection = psycopg2.connect(host=self.address, port=5432,
                                      user=USER, password=PASSWORD,
                                      dbname=DATABASE, connect_timeout=5)
        try:
            with connection.cursor() as cursor:
                cursor.execute('SELECT setting FROM pg_settings '
                               'WHERE name = %s', (name,))
                return cursor.fetchone()[0]
        finally:
            connection.close()

    def _redis(self, name):
        connection = redis.Redis(host=self.address, port=6379,
                                 password=self.root_password,
                                 socket_timeout=5, decode_responses=True,
                                 retry=redis_client.NO_RETRY)
        try:
            return connection.config_get(name)[name]
        finally:
            connection.close()
