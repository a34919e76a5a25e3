"""Guest accounts on the broker, made and removed through RabbitMQ's
management API with the control plane's own account.

Every step is idempotent (PUT, DELETE of what may be gone), so that a
re-driven create or delete, or the reaper, can run it again.
"""
import base64
import json
from urllib import error as url_error
from urllib import parse
from urllib import request

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_messaging import opts as messaging_opts

from trove.common import exception
from trove.common.rpc import guest_bus
from trove.conf import CONF

LOG = logging.getLogger(__name__)


class GuestAccount(object):
    """What a guest's config needs to reach the bus."""

    def __init__(self, transport_url, control_exchange):
        self.transport_url = transport_url
        self.control_exchange = control_exchange


def _shared_account():
    # oslo.messaging registers transport_url with its first transport:
    # register it here too (again is a no-op), so the value is there.
    for group, opts in messaging_opts.list_opts():
        if group is None:
            CONF.register_opts(opts)
    return GuestAccount(CONF.transport_url, CONF.control_exchange)


def _control_url():
    return messaging.TransportURL.parse(CONF, CONF.guest_bus.transport_url)


def _vhost():
    return _control_url().virtual_host or '/'


def _quote(name):
    return parse.quote(name, safe='')


def _api(method, path, body=None, missing_ok=False, answer=False):
    url = _control_url()
    host = url.hosts[0]
    base = CONF.guest_bus.management_url.rstrip('/') + '/api/'
    # Sent at once, not after a challenge: one round trip per request.
    credentials = base64.b64encode(
        ('%s:%s' % (host.username, host.password)).encode()).decode()
    req = request.Request(base + path, method=method,
                          data=None if body is None else
                          json.dumps(body).encode(),
                          headers={'content-type': 'application/json',
                                   'authorization': 'Basic ' + credentials})
    try:
        with request.urlopen(req, timeout=CONF.guest_bus.management_timeout
                             ) as response:
            return json.loads(response.read()) if answer else None
    except url_error.HTTPError as http_error:
        if http_error.code == 404:
            if missing_ok:
                return None
            raise exception.NotFound(
                'RabbitMQ management API: %s %s: not found' % (method, path)
            ) from None
        # The path names only what is public (user and exchange names).
        raise exception.TroveError(
            'RabbitMQ management API: %s %s answered %s' % (
                method, path, http_error.code)) from None
    except (url_error.URLError, OSError) as failure:
        raise exception.TroveError(
            'RabbitMQ management API unreachable: %s' %
            getattr(failure, 'reason', failure)) from None


def _declare_exchange(vhost, name):
    # As oslo.messaging declares them (amqp_durable_queues and
    # amqp_auto_delete both false by default): a different declaration
    # would be refused.
    _api('PUT', 'exchanges/%s/%s' % (_quote(vhost), _quote(name)),
         {'type': 'topic', 'durable': False, 'auto_delete': False})


def guest_url(instance_id, rpc_key):
    control = _control_url()
    hosts = [messaging.TransportHost(
        hostname=host.hostname, port=host.port,
        username=guest_bus.user_name(instance_id),
        password=guest_bus.password(rpc_key)) for host in control.hosts]
    return str(messaging.TransportURL(
        CONF, transport=control.transport, virtual_host=control.virtual_host,
        hosts=hosts))


def ensure_guest(instance_id, rpc_key, topic):
    """Make (again) the account of instance ``instance_id``'s guest, its
    exchange and the binding that lets it reach the conductor; returns
    the GuestAccount for its config."""
    if not guest_bus.enabled():
        return _shared_account()
    vhost = _vhost()
    user = guest_bus.user_name(instance_id)
    _api('PUT', 'users/%s' % _quote(user),
         {'password': guest_bus.password(rpc_key), 'tags': ''})
    _api('PUT', 'permissions/%s/%s' % (_quote(vhost), _quote(user)),
         guest_bus.permissions(instance_id, topic))
    source = guest_bus.exchange(instance_id)
    _declare_exchange(vhost, source)
    binding = 'bindings/%s/e/%s/e/%s' % (
        _quote(vhost), _quote(source), _quote(CONF.control_exchange))
    body = {'routing_key': CONF.conductor_topic}
    try:
        _api('POST', binding, body)
    except exception.NotFound:
        # The conductor declares the control exchange when it starts; a
        # create may come first (one more request only then).
        _declare_exchange(vhost, CONF.control_exchange)
        _api('POST', binding, body)
    return GuestAccount(guest_url(instance_id, rpc_key), source)


def bound_guests():
    """Ids of the instances whose guests can reach the conductor now (a
    broker that restarted forgot the bindings: they are not durable)."""
    if not guest_bus.enabled():
        return None
    prefix = guest_bus.exchange('')
    bindings = _api('GET', 'exchanges/%s/%s/bindings/destination' % (
        _quote(_vhost()), _quote(CONF.control_exchange)), missing_ok=True,
        answer=True) or []
    return {binding['source'][len(prefix):] for binding in bindings
            if binding.get('source', '').startswith(prefix)}


def remove_guest(instance_id, topic):
    """Remove the guest's account, exchange (and so its binding) and
    queues; what is already gone is skipped."""
    if not guest_bus.enabled():
        return
    vhost = _quote(_vhost())
    _api('DELETE', 'users/%s' % _quote(guest_bus.user_name(instance_id)),
         missing_ok=True)
    _api('DELETE', 'exchanges/%s/%s' % (
        vhost, _quote(guest_bus.exchange(instance_id))), missing_ok=True)
    for queue in (topic, '%s.%s' % (topic, instance_id)):
        _api('DELETE', 'queues/%s/%s' % (vhost, _quote(queue)),
             missing_ok=True)
    LOG.info('Removed the bus account of instance %s.', instance_id)
