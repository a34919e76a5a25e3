"""Per-instance RPC keys, stored encrypted with the operator's master key."""
from trove.common import crypto
from trove.common import exception
from trove.conf import CONF


def _master_key():
    if not CONF.inst_rpc_key_encr_key:
        raise exception.TroveError('inst_rpc_key_encr_key is not configured.')
    return crypto.key_from_secret(CONF.inst_rpc_key_encr_key)


def new_encrypted_key():
    """(key, key encrypted for the DB) for a new instance."""
    key = crypto.generate_key()
    return key, crypto.encrypt(_master_key(), key)


def decrypt_key(encrypted_key):
    return crypto.decrypt(_master_key(), encrypted_key)
