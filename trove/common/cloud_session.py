"""The keystoneauth1 session of Trove's service account
([service_credentials]), shared by every client that talks to the cloud:
one token, renewed by keystoneauth when it expires."""
import threading

from keystoneauth1 import loading as ks_loading

from trove.conf import CONF
from trove.conf import service_credentials

_lock = threading.Lock()
_session = None


def get_session():
    """The process's session, made on first use (the options are read
    then: tests and services set them before)."""
    global _session
    with _lock:
        if _session is None:
            auth = ks_loading.load_auth_from_conf_options(
                CONF, service_credentials.GROUP)
            _session = ks_loading.load_session_from_conf_options(
                CONF, service_credentials.GROUP, auth=auth)
        return _session


def reset():
    """Forget the session (tests, or options changed)."""
    global _session
    with _lock:
        _session = None
