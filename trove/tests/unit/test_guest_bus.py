"""What a guest's broker account may touch: its own names only (the
regexes are checked with Python's re here; the functional tests check
them with RabbitMQ)."""
import re

from trove.common.rpc import guest_bus

A = '6abac9ff-9204-4812-a0b0-6b34e7ee68fb'
B = 'ed7e6559-2130-4eee-98d3-009b2e1f7a11'
TOPIC_A = 'guestagent.' + A


def _allowed(kind, name):
    return re.match(guest_bus.permissions(A, TOPIC_A)[kind], name) is not None


def test_its_own_exchange_and_queues_are_allowed():
    own = ['guest.' + A, TOPIC_A, '%s.%s' % (TOPIC_A, A),
           TOPIC_A + '_fanout', TOPIC_A + '_fanout_0123abcd']
    for kind in ('configure', 'write', 'read'):
        for name in own:
            assert _allowed(kind, name), (kind, name)


def test_replies_go_out_through_the_default_exchange_only():
    assert _allowed('write', 'amq.default')
    assert not _allowed('read', 'amq.default')
    assert not _allowed('configure', 'amq.default')


def test_nothing_of_the_control_plane_or_other_guests():
    foreign = ['trove', 'trove-taskmanager', 'trove-conductor',
               'trove-conductor.host', 'openstack', 'guest.' + B,
               'guestagent.' + B, 'guestagent.%s.%s' % (B, B),
               'guestagent.%s_fanout' % B, 'reply_0123', 'amq.topic',
               'guest.' + A + 'x', 'x' + TOPIC_A, TOPIC_A + '.' + B,
               TOPIC_A + '_fanout_XYZ']
    for kind in ('configure', 'write', 'read'):
        for name in foreign:
            assert not _allowed(kind, name), (kind, name)


def test_passwords_are_derived_from_the_rpc_key():
    assert guest_bus.password('k1') == guest_bus.password('k1')
    assert guest_bus.password('k1') != guest_bus.password('k2')
    assert len(guest_bus.password('k1')) == 64
