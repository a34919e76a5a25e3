"""oslo.messaging plumbing shared by every client and server.

One transport per process, created lazily so that forked API workers each
open their own connections; the control plane has a second one to the
guests' vhost ([guest_bus] transport_url), the only part of the bus a
guest's account reaches.
"""
import threading

import oslo_messaging as messaging

from trove.common.rpc import serializer as trove_serializer
from trove.conf import CONF

_lock = threading.Lock()
_transport = None
_notification_transport = None
_guest_transport = None


def get_transport():
    global _transport
    with _lock:
        if _transport is None:
            # Trove's own errors cross RPC as themselves, so that a guest's
            # NotFound reaches the user as a 404.
            _transport = messaging.get_rpc_transport(
                CONF, allowed_remote_exmods=['trove.common.exception'])
        return _transport


def get_guest_transport():
    """The transport to guests and from them to the conductor: the
    guests' vhost, or the one transport where guests share it."""
    global _guest_transport
    if not CONF.guest_bus.transport_url:
        return get_transport()
    with _lock:
        if _guest_transport is None:
            _guest_transport = messaging.get_rpc_transport(
                CONF, url=CONF.guest_bus.transport_url,
                allowed_remote_exmods=['trove.common.exception'])
        return _guest_transport


def get_notification_transport():
    global _notification_transport
    with _lock:
        if _notification_transport is None:
            _notification_transport = messaging.get_notification_transport(
                CONF)
        return _notification_transport


def reset():
    """Forget the transports (after fork, or between tests)."""
    global _transport, _notification_transport, _guest_transport
    with _lock:
        for transport in (_transport, _notification_transport,
                          _guest_transport):
            if transport is not None:
                transport.cleanup()
        _transport = _notification_transport = _guest_transport = None


def get_client(target, version_cap, serializer=None, timeout=None,
               transport=None):
    return messaging.get_rpc_client(
        transport or get_transport(), target, version_cap=version_cap,
        timeout=timeout,
        serializer=trove_serializer.ContextSerializer(serializer))


def get_server(target, endpoints, serializer=None, transport=None):
    # oslo.messaging's default executor is threading: no eventlet in trove.
    return messaging.get_rpc_server(
        transport or get_transport(), target, endpoints,
        serializer=trove_serializer.ContextSerializer(serializer))
