#!/usr/bin/env python3
"""Tries, as one tenant's database root, to reach another tenant's files
and the control plane's, and counts what got through.

Run on the host of a deployment (as root: it checks on disk where the
attacker's writes landed):

    .venv/bin/python tools/isolation_audit.py --config-file state/trove.conf \\
        --endpoint http://127.0.0.1:8779/v1.0 --attacker demo --victim alt

It creates an instance of each engine in the attacker's and the victim's
project (or takes ``--attacker-instance``/``--victim-instance`` ids of one
engine), enables root on the attacker's through the API and, with the
engine's own client, tries every file-reaching feature of the engine on
the victim's data directory, config and keys, the victim's guest.conf,
the control DB, trove.conf and the services' logs: MariaDB LOAD_FILE and
SELECT ... INTO OUTFILE; PostgreSQL pg_read_binary_file, COPY FROM/TO a
file and COPY FROM/TO PROGRAM; Redis CONFIG SET dir/dbfilename and SAVE.
It prints the bytes read and the writes landed (both must be 0) and exits
1 otherwise. ``--json`` prints the figures as JSON for tests.
"""
import argparse
import configparser
import glob
import json
import os
import secrets
import sys
import time

from keystoneauth1 import session as ks_session
from keystoneauth1 import token_endpoint
from troveclient.v1 import client as trove_client

ENGINES = ('mariadb', 'postgresql', 'redis')
ENGINE_DIRS = {'mariadb': 'mariadb', 'postgresql': 'postgresql',
               'redis': 'redis'}


class Paths(object):
    """What a tenant must not reach, read from the deployment's trove.conf."""

    def __init__(self, config_file):
        parser = configparser.RawConfigParser(strict=False)
        parser.read(config_file)
        self.config_file = os.path.abspath(config_file)
        self.state_dir = parser.get('DEFAULT', 'state_path',
                                    fallback=os.path.dirname(config_file))
        self.instances_dir = parser.get(
            'local_compute', 'instances_path',
            fallback=os.path.join(self.state_dir, 'instances'))
        connection = parser.get('database', 'connection', fallback='')
        self.control_db = connection.split('sqlite:///', 1)[-1] \
            if connection.startswith('sqlite:///') else None
        self.control_root = os.path.join(
            os.path.dirname(self.instances_dir), 'instance_control')

    def instance_dir(self, instance_id):
        return os.path.join(self.instances_dir, instance_id)

    def secrets_to_read(self, victim_id, engine):
        """Files of the victim and of the control plane."""
        victim = self.instance_dir(victim_id)
        found = [
            os.path.join(self.control_root, victim_id, 'guest.conf'),
            os.path.join(victim, 'volume', '.trove', 'os_admin.cnf'),
            os.path.join(victim, 'guestagent.log'),
            self.config_file,
        ]
        if self.control_db:
            found.append(self.control_db)
        found += sorted(glob.glob(os.path.join(self.state_dir, 'log', '*')))
        found += sorted(glob.glob(os.path.join(victim, 'volume', 'data',
                                               '*')))[:8]
        found += sorted(glob.glob(os.path.join(victim, ENGINE_DIRS[engine],
                                               '*.c*')))
        return [path for path in found if os.path.isfile(path)]

    def places_to_write(self, victim_id, engine):
        victim = self.instance_dir(victim_id)
        return [victim, os.path.join(victim, 'volume', 'data'),
                os.path.join(victim, ENGINE_DIRS[engine]),
                os.path.join(self.control_root, victim_id), self.state_dir,
                os.path.join(self.state_dir, 'log')]


class Tally(object):

    def __init__(self):
        self.attempts = 0
        self.bytes_read = 0
        self.reads_that_worked = []
        self.writes_landed = []
        # The same features on the attacker's own files: they must work,
        # or a 0 above would prove nothing.
        self.own_files_reachable = None

    def read(self, path, data):
        self.attempts += 1
        if data:
            self.bytes_read += len(data)
            self.reads_that_worked.append(path)

    def wrote(self, path):
        self.attempts += 1
        if os.path.lexists(path):
            self.writes_landed.append(path)
            os.unlink(path)


def _marker(directory):
    return os.path.join(directory, 'audit-%s' % secrets.token_hex(6))


def attack_mariadb(address, user, password, paths, victim_id, tally,
                   attacker_id):
    import pymysql
    connection = pymysql.connect(host=address, user=user, password=password,
                                 autocommit=True, connect_timeout=10)
    with connection.cursor() as cur:
        own = _marker(os.path.join(paths.instance_dir(attacker_id),
                                   'mariadb', 'files'))
        cur.execute("SELECT 'own' INTO OUTFILE %s", (own,))
        cur.execute('SELECT LOAD_FILE(%s)', (own,))
        tally.own_files_reachable = cur.fetchone()[0] == b'own\n'
        for path in paths.secrets_to_read(victim_id, 'mariadb'):
            cur.execute('SELECT LOAD_FILE(%s)', (path,))
            tally.read(path, cur.fetchone()[0])
            # LOAD DATA reads server files too.
            data = None
            try:
                cur.execute('CREATE TEMPORARY TABLE IF NOT EXISTS audit_t '
                            '(line LONGBLOB)')
                cur.execute("LOAD DATA INFILE %s INTO TABLE audit_t "
                            "FIELDS TERMINATED BY '' ESCAPED BY ''", (path,))
                cur.execute('SELECT GROUP_CONCAT(line) FROM audit_t')
                data = cur.fetchone()[0]
                cur.execute('DELETE FROM audit_t')
            except pymysql.err.MySQLError:
                pass
            tally.read(path, data)
        for directory in paths.places_to_write(victim_id, 'mariadb'):
            target = _marker(directory)
            try:
                cur.execute("SELECT 'audit' INTO OUTFILE %s", (target,))
            except pymysql.err.MySQLError:
                pass
            tally.wrote(target)
    connection.close()


def attack_postgresql(address, user, password, paths, victim_id, tally,
                      attacker_id):
    import psycopg2
    connection = psycopg2.connect(host=address, user=user, password=password,
                                  dbname='postgres', connect_timeout=10)
    connection.autocommit = True

    def attempt(statement, params=()):
        with connection.cursor() as cur:
            try:
                cur.execute(statement, params)
                return cur.fetchone() if cur.description else None
            except psycopg2.Error:
                return None

    attempt('CREATE TEMPORARY TABLE audit_t (line text)')
    own = _marker(os.path.join(paths.instance_dir(attacker_id), 'volume'))
    attempt("COPY (SELECT 'own') TO %s", (own,))
    row = attempt('SELECT pg_read_binary_file(%s)', (own,))
    tally.own_files_reachable = bool(row) and bytes(row[0]) == b'own\n'
    for path in paths.secrets_to_read(victim_id, 'postgresql'):
        row = attempt('SELECT pg_read_binary_file(%s)', (path,))
        tally.read(path, bytes(row[0]) if row else None)
        for copy in ("COPY audit_t FROM %s WITH (FORMAT text, DELIMITER "
                     "E'\\x01')",
                     "COPY audit_t FROM PROGRAM %s"):
            argument = path if 'PROGRAM' not in copy else 'cat ' + path
            attempt('DELETE FROM audit_t')
            attempt(copy, (argument,))
            row = attempt("SELECT string_agg(line, E'\\n') FROM audit_t")
            tally.read(path, (row[0] or '').encode() if row else None)
    for directory in paths.places_to_write(victim_id, 'postgresql'):
        target = _marker(directory)
        attempt("COPY (SELECT 'audit') TO %s", (target,))
        tally.wrote(target)
        target = _marker(directory)
        attempt("COPY (SELECT 'audit') TO PROGRAM %s",
                ('cat > ' + target,))
        tally.wrote(target)
    connection.close()


def attack_redis(address, user, password, paths, victim_id, tally,
                 attacker_id):
    import redis
    client = redis.Redis(host=address, port=6379, username=user,
                         password=password, socket_timeout=10)
    for directory in paths.places_to_write(victim_id, 'redis'):
        target = _marker(directory)
        try:
            client.config_set('dir', directory)
            client.config_set('dbfilename', os.path.basename(target))
            client.save()
        except redis.RedisError:
            pass
        tally.wrote(target)
    # What reaches the host: refused as protected ("... not allowed"),
    # not merely failed.
    for command in (('DEBUG', 'SLEEP', '0'),
                    ('MODULE', 'LOAD', '/nonexistent/audit.so')):
        tally.attempts += 1
        try:
            client.execute_command(*command)
            refused = False
        except redis.RedisError as error:
            refused = 'not allowed' in str(error)
        if not refused:
            tally.reads_that_worked.append(' '.join(command))
    client.close()


ATTACKS = {'mariadb': attack_mariadb, 'postgresql': attack_postgresql,
           'redis': attack_redis}


def client_for(endpoint, project, token):
    auth = token_endpoint.Token('%s/%s' % (endpoint.rstrip('/'), project),
                                token)
    return trove_client.Client(session=ks_session.Session(auth=auth))


def wait_active(trove, instance_id, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        instance = trove.instances.get(instance_id)
        if instance.status == 'ACTIVE':
            return instance
        if instance.status == 'ERROR':
            raise RuntimeError('instance %s is in ERROR' % instance_id)
        time.sleep(0.5)
    raise RuntimeError('instance %s did not become ACTIVE' % instance_id)


def create(trove, engine, name):
    flavor = sorted(trove.flavors.list(), key=lambda f: f.ram)[0]
    return trove.instances.create(name, flavor.id, volume={'size': 1},
                                  datastore=engine).id


def audit(engine, attacker, attacker_id, victim_id, paths):
    """Figures of one engine's attack: a dict."""
    instance = wait_active(attacker, attacker_id)
    user, password = attacker.root.create(attacker_id)
    tally = Tally()
    ATTACKS[engine](instance.ip[0], user, password, paths, victim_id, tally,
                    attacker_id)
    return {'engine': engine, 'attempts': tally.attempts,
            'own_files_reachable': tally.own_files_reachable,
            'bytes_read': tally.bytes_read,
            'reads_that_worked': tally.reads_that_worked,
            'writes_landed': tally.writes_landed}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--config-file', required=True,
                        help="the deployment's trove.conf")
    parser.add_argument('--endpoint', required=True,
                        help='e.g. http://127.0.0.1:8779/v1.0')
    parser.add_argument('--attacker', default='demo')
    parser.add_argument('--victim', default='alt')
    parser.add_argument('--token', default='demo')
    parser.add_argument('--engine', action='append', choices=ENGINES)
    parser.add_argument('--attacker-instance')
    parser.add_argument('--victim-instance')
    parser.add_argument('--keep', action='store_true',
                        help='keep the instances this run created')
    parser.add_argument('--json', action='store_true')
    args = parser.parse_args(argv)
    paths = Paths(args.config_file)
    attacker = client_for(args.endpoint, args.attacker, args.token)
    victim = client_for(args.endpoint, args.victim, args.token)
    engines = args.engine or list(ENGINES)
    results, created = [], []
    try:
        for engine in engines:
            if args.attacker_instance and args.victim_instance:
                pair = (args.attacker_instance, args.victim_instance)
            else:
                pair = (create(attacker, engine, 'audit-a-' + engine),
                        create(victim, engine, 'audit-b-' + engine))
                created += [(attacker, pair[0]), (victim, pair[1])]
            wait_active(victim, pair[1])
            results.append(audit(engine, attacker, pair[0], pair[1], paths))
    finally:
        if not args.keep:
            for trove, instance_id in created:
                trove.instances.delete(instance_id)
    total_read = sum(r['bytes_read'] for r in results)
    total_landed = sum(len(r['writes_landed']) for r in results)
    if args.json:
        print(json.dumps({'engines': results, 'bytes_read': total_read,
                          'writes_landed': total_landed}, indent=2))
    else:
        for r in results:
            print('%-10s %3d attempts  %d bytes read  %d writes landed  '
                  '(own files reachable: %s)'
                  % (r['engine'], r['attempts'], r['bytes_read'],
                     len(r['writes_landed']), r['own_files_reachable']))
            for path in r['reads_that_worked']:
                print('    read: %s' % path)
            for path in r['writes_landed']:
                print('    wrote: %s' % path)
        print('total: %d bytes of another tenant or of the control plane '
              'read, %d writes landed' % (total_read, total_landed))
    worked = sum(len(r['reads_that_worked']) for r in results)
    return 0 if total_read == 0 and total_landed == 0 and not worked else 1


if __name__ == '__main__':
    sys.exit(main())
