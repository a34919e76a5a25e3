"""Data keys of backups: random per backup, stored only wrapped by the
[backup] encryption_key master key (which never leaves the control
plane)."""
import base64

from trove.backup import encryption
from trove.common import crypto
from trove.common import exception
from trove.conf import CONF


def _master_key():
    if not CONF.backup.encryption_key:
        raise exception.TroveError(
            '[backup] encryption_key is not configured.')
    return crypto.key_from_secret(CONF.backup.encryption_key)


def new_wrapped_key():
    """(data key as text, the same wrapped for the DB)."""
    key = base64.b64encode(encryption.new_key()).decode()
    return key, crypto.encrypt(_master_key(), key)


def unwrap(wrapped_key):
    return crypto.decrypt(_master_key(), wrapped_key)


def key_bytes(key_text):
    return base64.b64decode(key_text)
