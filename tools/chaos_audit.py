"""What tools/chaos.py checks once the dust settles: states, faults, data
and anything left behind on the host."""
import collections
import glob
import os
import re
import time

import psutil
import pymysql
from troveclient import exceptions

from trove.compute.local import identity

TRANSIENT = ('BUILD', 'REBOOT', 'RESIZE', 'SHUTDOWN')


def _pid_from(path):
    try:
        with open(path) as pidfile:
            return int(pidfile.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def victim_pid(deployment, victim, rng):
    state = deployment.state_dir
    if victim == 'rabbitmq':
        return _pid_from(os.path.join(state, 'rabbitmq', 'rabbitmq.pid'))
    if victim == 'guest':
        agents = glob.glob(os.path.join(deployment.control_dir('*'),
                                        'guestagent.pid'))
        return _pid_from(rng.choice(agents)) if agents else None
    return _pid_from(os.path.join(state, 'run', victim + '.pid'))


def _servers_created(deployment):
    """{instance id: how many times a taskmanager created its server}
    (each logs one line per server it makes)."""
    made = collections.Counter()
    for log in glob.glob(os.path.join(deployment.state_dir, 'log',
                                      'trove-taskmanager*.log')):
        with open(log, errors='replace') as text:
            made.update(re.findall(
                r'Creating the server of instance ([0-9a-f-]{36})',
                text.read()))
    return made


def creates_done_twice(deployment):
    """Instances whose server was created more than once, by any of the
    taskmanagers."""
    return sum(1 for count in _servers_created(deployment).values()
               if count > 1)


def _rows(trove, instance_id):
    address = trove.instances.get(instance_id).ip[0]
    for _ in range(30):
        try:
            conn = pymysql.connect(host=address, user='chaos',
                                   password='chaos-pass', database='chaosdb',
                                   connect_timeout=5)
            with conn.cursor() as cursor:
                cursor.execute('SELECT COUNT(*) FROM kept')
                count = cursor.fetchone()[0]
            conn.close()
            return count
        except pymysql.err.OperationalError:
            time.sleep(1)
    return 0


def orphans(deployment, live_ids):
    """Everything on the host that belongs to no live instance."""
    found = []
    instances_dir = deployment.instances_dir
    for path in glob.glob(os.path.join(instances_dir, '*')):
        if os.path.basename(path) not in live_ids:
            found.append('directory ' + path)
    leases = os.path.join(os.path.dirname(instances_dir), 'address_leases')
    for path in glob.glob(os.path.join(leases, '*')):
        with open(path) as lease:
            holder = lease.read().strip()
        if holder and holder not in live_ids:
            found.append('address lease %s' % os.path.basename(path))
    for part in psutil.disk_partitions(all=True):
        if part.mountpoint.startswith(instances_dir):
            if part.mountpoint.split('/')[-2] not in live_ids:
                found.append('mount ' + part.mountpoint)
    for hierarchy in ('memory', 'cpu'):
        root = '/sys/fs/cgroup/%s/%s' % (hierarchy, deployment.cgroup_prefix)
        for path in glob.glob(os.path.join(root, '*-*-*-*-*')):
            if os.path.basename(path) not in live_ids:
                found.append('cgroup ' + path)
    # Each instance's own system user and its control directory.
    for instance_id in _servers_created(deployment):
        if (instance_id not in live_ids
                and identity.ids(identity.user_name(instance_id))):
            found.append('system user of ' + instance_id)
    for path in glob.glob(deployment.control_dir('*')):
        if os.path.basename(path) not in live_ids:
            found.append('control directory ' + path)
    for process in psutil.process_iter(['cmdline']):
        cmdline = ' '.join(process.info['cmdline'] or [])
        if instances_dir in cmdline and not any(i in cmdline
                                                for i in live_ids):
            found.append('process %d %s' % (process.pid, cmdline[:80]))
    return found


def audit(deployment, trove, instance_ids, deleted, stuck, initial, rows):
    report = {'ended ACTIVE': 0, 'ended ERROR with a fault': 0,
              'ended ERROR without a fault': 0, 'stuck': len(stuck),
              'rows of user data lost': 0, 'details': []}
    live = set()
    for instance_id in instance_ids:
        try:
            instance = trove.instances.get(instance_id)
        except exceptions.NotFound:
            continue
        live.add(instance_id)
        if instance.status == 'ACTIVE':
            report['ended ACTIVE'] += 1
            if instance_id in initial and instance_id not in deleted:
                lost = rows - _rows(trove, instance_id)
                report['rows of user data lost'] += lost
        elif instance.status == 'ERROR':
            fault = getattr(instance, 'fault', None) or {}
            key = ('ended ERROR with a fault' if fault.get('message')
                   else 'ended ERROR without a fault')
            report[key] += 1
            report['details'].append('%s ERROR: %s' % (
                instance_id, fault.get('message')))
        elif instance.status in TRANSIENT:
            report['details'].append('%s stuck in %s' % (instance_id,
                                                         instance.status))
    # Deletes may still be finishing: give them the reaper's time.
    time.sleep(10)
    left = orphans(deployment, live)
    report['orphans left'] = len(left)
    report['details'].extend(left)
    return report


def delete_all(trove):
    for instance in trove.instances.list():
        try:
            trove.instances.delete(instance.id)
        except exceptions.ClientException:
            pass
    deadline = time.time() + 120
    while trove.instances.list() and time.time() < deadline:
        time.sleep(1)
