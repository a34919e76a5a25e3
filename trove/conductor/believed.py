"""The conductor's gate: a report runs only if its proof shows it comes
from the guest of the instance it is about (trove.conductor.proof).

Anything else (no proof, another instance's key, a proof for other
arguments, a replay older than [conductor] report_max_age, an instance
that does not exist) is dropped with one warning line, at most one a
minute per claimed sender, so that a flood cannot flood the logs.
"""
import functools
import threading
import time

from oslo_log import log as logging

from trove.common import exception
from trove.conductor import proof as report_proof
from trove.conf import CONF
from trove.db.api import backups as backups_api
from trove.db.api import instances as instances_api
from trove.instance import keys

LOG = logging.getLogger(__name__)

_LOG_EVERY = 60.0
_lock = threading.Lock()
_last_logged = {}
dropped = 0  # reports dropped by this process (for tests and operators)


@functools.lru_cache(maxsize=4096)
def _rpc_key(instance_id):
    # An instance keeps its key for life: read it once (a miss raises and
    # so is not cached).
    return keys.decrypt_key(instances_api.get_encrypted_key(instance_id))


@functools.lru_cache(maxsize=4096)
def _backup_instance(backup_id):
    return backups_api.get_backup(None, backup_id,
                                  include_deleted=True).instance_id


def _drop(method, claimed, reason):
    global dropped
    now = time.monotonic()
    with _lock:
        dropped += 1
        key = (claimed, reason)
        quiet = now - _last_logged.get(key, -_LOG_EVERY) < _LOG_EVERY
        if not quiet:
            _last_logged[key] = now
    # %r: the claimed id is the sender's text, newlines and all.
    (LOG.debug if quiet else LOG.warning)(
        'Dropped a %s report about instance %r: %s.', method, claimed,
        reason)


def _verdict(method, instance_id, arguments, proof):
    """None if the report is believed, else why not."""
    if proof is None:
        return 'not signed'
    sent = arguments.get('sent')
    if not isinstance(sent, (int, float)) or \
            sent < time.time() - CONF.conductor.report_max_age:
        return 'too old (a replay?)'
    try:
        rpc_key = _rpc_key(instance_id)
    except exception.NotFound:
        return 'no such instance'
    except Exception:
        # A row without a usable key (or a master key that changed).
        return 'no usable key for that instance'
    if not report_proof.valid(rpc_key, method, instance_id, arguments,
                              proof):
        return 'its proof is not that instance\'s'
    return None


def _text(value):
    return value if isinstance(value, str) and len(value) <= 64 else None


def _about_instance(arguments):
    return _text(arguments.get('instance_id'))


def _about_backup(arguments):
    backup_id = _text(arguments.get('backup_id'))
    if backup_id is None:
        return None
    try:
        return _backup_instance(backup_id)
    except exception.NotFound:
        return None


def _gate(about):
    def decorate(method):
        @functools.wraps(method)
        def believed_only(self, context, proof=None, **arguments):
            instance_id = about(arguments)
            reason = ('about no known instance' if instance_id is None
                      else _verdict(method.__name__, instance_id,
                                    arguments, proof))
            if reason is not None:
                _drop(method.__name__, instance_id or '?', reason)
                return None
            return method(self, context, **arguments)
        return believed_only
    return decorate


# A report is about the instance it names, or about the backup's instance.
about_instance = _gate(_about_instance)
about_backup = _gate(_about_backup)
