"""Proof that a report to the conductor comes from an instance's guest.

A guest signs each report (heartbeat, fault, backup progress) with an
HMAC keyed by its own RPC key, over the method, the instance id and every
argument; the proof travels beside the arguments. Only the control plane
and that guest hold the key, so no other guest, and no other process on
the bus, can write a report the conductor believes. Replays are dropped
by what the reports carry: ``sent`` (the guest's clock), which must be
newer than the last stored report and not older than
``[conductor] report_max_age``.
"""
import hashlib
import hmac
import json

_PURPOSE = b'trove conductor report'


def _mac_key(rpc_key):
    # A key of its own for reports, so that no message meant for the
    # guest (encrypted with the RPC key itself) can pass for one.
    return hmac.new(rpc_key.encode(), _PURPOSE, hashlib.sha256).digest()


def _payload(method, instance_id, arguments):
    return json.dumps([method, instance_id, arguments], sort_keys=True,
                      separators=(',', ':')).encode()


def sign(rpc_key, method, instance_id, arguments):
    """The proof to send with ``method(**arguments)``: the signing
    instance's id and the HMAC."""
    mac = hmac.new(_mac_key(rpc_key), _payload(method, instance_id,
                                               arguments), hashlib.sha256)
    return {'instance_id': instance_id, 'hmac': mac.hexdigest()}


def valid(rpc_key, method, instance_id, arguments, proof):
    """True if ``proof`` is instance ``instance_id``'s for this call."""
    if not isinstance(proof, dict) or proof.get('instance_id') != \
            instance_id or not isinstance(proof.get('hmac'), str):
        return False
    expected = sign(rpc_key, method, instance_id, arguments)['hmac']
    return hmac.compare_digest(expected, proof['hmac'])
