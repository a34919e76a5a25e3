"""Names and rights of one guest on the guests' vhost.

oslo.messaging names what a guest's RPC server declares after its target:
exchange ``guest.<id>`` (the guest's control_exchange), queues
``guestagent.<id>`` and ``guestagent.<id>.<id>``, and the fanout exchange
``guestagent.<id>_fanout`` with queues ``guestagent.<id>_fanout_<hex>``.
Each guest has an exchange of its own because oslo.messaging declares,
non-passively, every exchange it publishes to: RabbitMQ asks the
``configure`` right for that, and whoever may configure a shared exchange
may also delete it. The guest's casts to the conductor go to its own
exchange; one exchange-to-exchange binding, made by the taskmanager,
forwards only the conductor's routing key to the control exchange where
the conductor's queue is. Replies to calls go through the default exchange
(``amq.default``) to the caller's reply queue.
"""
import hashlib
import hmac
import re

from trove.conf import CONF

_PASSWORD_PURPOSE = b'trove guest bus password'


def enabled():
    """Guests have accounts of their own (else they share the control
    plane's transport_url: in-process test transports only)."""
    return bool(CONF.guest_bus.transport_url)


def user_name(instance_id):
    return 'instance-%s' % instance_id


def exchange(instance_id):
    return 'guest.%s' % instance_id


def password(rpc_key):
    """Derived from the instance's RPC key: the taskmanager can make the
    same account again (a re-driven create, a broker that lost it) without
    storing one more secret."""
    return hmac.new(rpc_key.encode(), _PASSWORD_PURPOSE,
                    hashlib.sha256).hexdigest()


def permissions(instance_id, topic):
    """RabbitMQ's configure/write/read regexes for the guest serving
    ``topic`` (guestagent.<id>)."""
    own = '%s|%s(\\.%s)?|%s_fanout(_[0-9a-f]+)?' % (
        re.escape(exchange(instance_id)), re.escape(topic),
        re.escape(instance_id), re.escape(topic))
    return {
        'configure': '^(%s)$' % own,
        # Writing a queue is binding it; amq.default carries replies.
        'write': '^(%s|amq\\.default)$' % own,
        'read': '^(%s)$' % own,
    }
