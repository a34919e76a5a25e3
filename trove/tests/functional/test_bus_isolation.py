"""An attacker holding one instance's guest credentials (what a tenant who
broke into its guest would have: the guest's config, with its bus account
and RPC key) against the real broker and conductor. It must not sign in
as RabbitMQ's default account, change anything about another instance,
reach the taskmanager, or read another guest's queue."""
import configparser
import json
import os
import sqlite3
import time
from urllib import error as url_error
from urllib import request

import pytest

from trove.conductor import proof
from trove.tests.functional import bus_forger
from trove.tests.functional import deployment as deployment_module
from trove.tests.functional import waiters

PORT = deployment_module.RABBIT_PORT
MANAGEMENT_PORT = PORT + 20000
GUEST_VHOST = 'trove-guests'


def _create(trove, name):
    flavor = [f for f in trove.flavors.list() if f.name == 'db.tiny'][0]
    version = trove.datastore_versions.list('redis')[0].name
    return trove.instances.create(name, flavor.id, volume={'size': 1},
                                  datastore='redis',
                                  datastore_version=version)


@pytest.fixture(scope='module')
def two_instances(trove):
    made = [_create(trove, 'bus-a'), _create(trove, 'bus-b')]
    yield [waiters.wait_for_status(trove, instance.id, ['ACTIVE', 'ERROR'])
           for instance in made]
    for instance in made:
        trove.instances.delete(instance.id)
    for instance in made:
        waiters.wait_until_gone(trove, instance.id)


class Stolen(object):
    """What the guest config of an instance gives whoever reads it."""

    def __init__(self, deployment, instance_id):
        parser = configparser.RawConfigParser(interpolation=None)
        parser.read(os.path.join(deployment.control_dir(instance_id),
                                 'guest.conf'))
        url = parser.get('DEFAULT', 'transport_url')
        credentials = url.split('://', 1)[1].split('@', 1)[0]
        self.user, self.password = credentials.split(':', 1)
        self.exchange = parser.get('DEFAULT', 'control_exchange')
        self.rpc_key = parser.get('guest_agent', 'rpc_encryption_key')
        self.instance_id = instance_id

    def forger(self, vhost=GUEST_VHOST):
        return bus_forger.Forger(PORT, self.user, self.password, vhost)


def _service_status(deployment, instance_id):
    db = sqlite3.connect('file:%s?mode=ro' % os.path.join(
        deployment.state_dir, 'trove.sqlite'), uri=True)
    try:
        return db.execute('SELECT status, last_sent FROM service_statuses '
                          'WHERE instance_id = ?', (instance_id,)).fetchone()
    finally:
        db.close()


def _fault_count(deployment, instance_id):
    db = sqlite3.connect('file:%s?mode=ro' % os.path.join(
        deployment.state_dir, 'trove.sqlite'), uri=True)
    try:
        return db.execute('SELECT count(*) FROM instance_faults WHERE '
                          'instance_id = ?', (instance_id,)).fetchone()[0]
    finally:
        db.close()


def _management(deployment, path):
    """(HTTP status, answer) of a GET with the control plane's account."""
    with open(os.path.join(deployment.state_dir, 'rabbitmq',
                           'control_password')) as secret:
        password = secret.read().strip()
    manager = request.HTTPPasswordMgrWithPriorAuth()
    base = 'http://127.0.0.1:%d/api/' % MANAGEMENT_PORT
    manager.add_password(None, base, 'trove-control', password,
                         is_authenticated=True)
    opener = request.build_opener(request.HTTPBasicAuthHandler(manager))
    try:
        with opener.open(base + path, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except url_error.HTTPError as refused:
        return refused.code, None


def _signed(key, method, instance_id, arguments):
    return dict(arguments, proof=proof.sign(key, method, instance_id,
                                            arguments))


def test_no_default_guest_account(deployment, two_instances):
    with pytest.raises(bus_forger.REFUSED):
        with bus_forger.Forger(PORT, 'guest', 'guest', '/'):
            pass
    status, users = _management(deployment, 'users')
    assert status == 200
    names = {user['name'] for user in users}
    assert 'guest' not in names
    assert {'instance-%s' % i.id for i in two_instances} <= names


def test_forged_reports_about_another_instance_change_nothing(
        deployment, trove, two_instances):
    a, b = two_instances
    assert (a.status, b.status) == ('ACTIVE', 'ACTIVE')
    stolen = Stolen(deployment, a.id)
    faults_before = _fault_count(deployment, b.id)
    future = time.time() + 3600
    shutdown_b = {'instance_id': b.id, 'status': 'SHUTDOWN', 'sent': future}
    fault_b = {'instance_id': b.id, 'message': 'forged', 'details': None,
               'sent': time.time()}
    forged = [
        # (exchange, routing key, method, arguments, version)
        (stolen.exchange, 'trove-conductor', 'heartbeat', shutdown_b, '1.0'),
        # Signed, but with A's key: B's key is not A's to use.
        (stolen.exchange, 'trove-conductor', 'heartbeat',
         _signed(stolen.rpc_key, 'heartbeat', b.id, shutdown_b), '1.2'),
        # A's genuine proof of something else.
        (stolen.exchange, 'trove-conductor', 'heartbeat',
         dict(shutdown_b, proof=proof.sign(
             stolen.rpc_key, 'heartbeat', a.id,
             dict(shutdown_b, instance_id=a.id))), '1.2'),
        (stolen.exchange, 'trove-conductor', 'report_fault',
         _signed(stolen.rpc_key, 'report_fault', b.id, fault_b), '1.2'),
        # Straight into the conductor's queue through the default exchange.
        ('', 'trove-conductor', 'heartbeat', shutdown_b, '1.0'),
        # A replay: a report of A's, properly signed, an hour old.
        (stolen.exchange, 'trove-conductor', 'heartbeat', _signed(
            stolen.rpc_key, 'heartbeat', a.id,
            {'instance_id': a.id, 'status': 'SHUTDOWN',
             'sent': time.time() - 3600}), '1.2'),
    ]
    with stolen.forger() as forger:
        for exchange, key, method, arguments, version in forged:
            forger.cast(exchange, key, method, arguments, version)
    after_forging = time.time()

    # The conductor's queue is first in, first out: once B's own next
    # heartbeat is stored, every forged message before it was handled.
    def b_reported_since():
        _status, last_sent = _service_status(deployment, b.id)
        return last_sent is not None and last_sent > after_forging
    waiters.wait_until(b_reported_since, timeout=30,
                       what="instance B's next own heartbeat")

    status_b, last_sent_b = _service_status(deployment, b.id)
    acted_on = [
        name for name, happened in [
            ('B shown SHUTDOWN', status_b != 'HEALTHY'),
            ("B's clock moved to the forged future", last_sent_b >= future),
            ('a fault recorded on B',
             _fault_count(deployment, b.id) != faults_before),
            ('A shown SHUTDOWN by a replay',
             _service_status(deployment, a.id)[0] != 'HEALTHY'),
        ] if happened]
    print('forged messages sent: %d, acted on: %d' % (len(forged),
                                                      len(acted_on)))
    assert acted_on == []
    assert trove.instances.get(b.id).status == 'ACTIVE'
    assert trove.instances.get(a.id).status == 'ACTIVE'
    with open(os.path.join(deployment.state_dir, 'log',
                           'trove-conductor.log')) as log:
        dropped = [line for line in log if 'Dropped a ' in line]
    assert dropped, 'the conductor logged no dropped report'
    assert not any('Traceback' in line for line in dropped)


def test_the_taskmanager_is_out_of_reach(deployment, trove, two_instances):
    a, b = two_instances
    stolen = Stolen(deployment, a.id)
    delete_b = {'instance_id': b.id}
    # The control plane's vhost is closed to a guest's account...
    with pytest.raises(bus_forger.REFUSED):
        with stolen.forger(vhost='/') as forger:
            forger.cast('trove', 'trove-taskmanager', 'delete_instance',
                        delete_b)
    # ...and in the guests' vhost the control exchange refuses it.
    with stolen.forger() as forger:
        with pytest.raises(bus_forger.REFUSED):
            forger.cast('trove', 'trove-taskmanager', 'delete_instance',
                        delete_b)
    # What A may publish (its own exchange, the default one) reaches no
    # taskmanager: none listens in the guests' vhost.
    with stolen.forger() as forger:
        forger.cast(stolen.exchange, 'trove-taskmanager', 'delete_instance',
                    delete_b)
        forger.cast('', 'trove-taskmanager', 'delete_instance', delete_b)
    status, _ = _management(deployment, 'queues/%s/trove-taskmanager'
                            % GUEST_VHOST)
    assert status == 404
    assert trove.instances.get(b.id).status == 'ACTIVE'


def test_a_guest_cannot_touch_another_guests_queue(deployment,
                                                   two_instances):
    a, b = two_instances
    stolen = Stolen(deployment, a.id)
    their_queue = 'guestagent.%s' % b.id
    with stolen.forger() as forger:
        with pytest.raises(bus_forger.REFUSED):
            forger.take(their_queue)
        with pytest.raises(bus_forger.REFUSED):
            forger.bind('guestagent.%s' % a.id, 'guest.%s' % b.id, '#')
        with pytest.raises(bus_forger.REFUSED):
            forger.cast('guest.%s' % b.id, their_queue, 'prepare', {})
        # Nor take the shared exchange away from everyone.
        with pytest.raises(bus_forger.REFUSED):
            forger.delete_exchange('trove')
    status, _ = _management(deployment, 'exchanges/%s/trove' % GUEST_VHOST)
    assert status == 200


def test_delete_removes_the_guests_account(deployment, trove):
    instance = waiters.wait_for_status(
        trove, _create(trove, 'bus-c').id, ['ACTIVE', 'ERROR'])
    assert instance.status == 'ACTIVE'
    stolen = Stolen(deployment, instance.id)
    trove.instances.delete(instance.id)
    waiters.wait_until_gone(trove, instance.id)
    status, _ = _management(deployment, 'users/%s' % stolen.user)
    assert status == 404
    with pytest.raises(bus_forger.REFUSED):
        with stolen.forger():
            pass
