"""An attacker on the bus: speaks AMQP 0-9-1 (py-amqp, what oslo.messaging
runs on) with whatever credentials it is given, and writes messages in
oslo.messaging's own envelope, as a guest's agent would."""
import json
import uuid

import amqp
from amqp import exceptions as amqp_exceptions

# A refused login or vhost, or a refused operation on a channel.
REFUSED = (amqp_exceptions.AccessRefused, amqp_exceptions.NotAllowed)


def rpc_message(method, args, version='1.0'):
    """A cast as oslo.messaging's rabbit driver puts it on the wire."""
    message = {'method': method, 'args': args, 'version': version,
               '_unique_id': uuid.uuid4().hex,
               '_context_request_id': 'req-' + str(uuid.uuid4()),
               '_context_is_admin': True}
    return json.dumps({'oslo.version': '2.0',
                       'oslo.message': json.dumps(message)})


class Forger(object):

    def __init__(self, port, user, password, vhost):
        self.connection = amqp.Connection(
            host='127.0.0.1:%d' % port, userid=user, password=password,
            virtual_host=vhost, connect_timeout=10,
            confirm_publish=True)

    def __enter__(self):
        # A refused login or vhost raises one of REFUSED here.
        self.connection.connect()
        return self

    def __exit__(self, *exc):
        try:
            self.connection.close()
        except Exception:
            pass  # the broker may have closed it already

    def publish(self, exchange, routing_key, body):
        """Publish with confirms: the broker's refusal (a channel closed
        with ACCESS_REFUSED) is raised here, not lost."""
        channel = self.connection.channel()
        try:
            channel.basic_publish(
                amqp.Message(body, content_type='application/json'),
                exchange=exchange, routing_key=routing_key)
        finally:
            _close(channel)

    def cast(self, exchange, routing_key, method, args, version='1.0'):
        self.publish(exchange, routing_key,
                     rpc_message(method, args, version))

    def take(self, queue):
        """basic.get one message from ``queue`` (None if it is empty)."""
        channel = self.connection.channel()
        try:
            return channel.basic_get(queue)
        finally:
            _close(channel)

    def delete_exchange(self, exchange):
        channel = self.connection.channel()
        try:
            channel.exchange_delete(exchange)
        finally:
            _close(channel)

    def bind(self, queue, exchange, routing_key):
        channel = self.connection.channel()
        try:
            channel.queue_bind(queue, exchange, routing_key)
        finally:
            _close(channel)


def _close(channel):
    if channel.is_open:
        try:
            channel.close()
        except Exception:
            pass
