"""Nova's server states, as Trove's PowerState.

ERROR counts as SHUTDOWN: the guest does not run, so the reaper fails a
build on it (with Nova's fault as the cause) and the watchdog brings an
idle instance back, by a hard reboot (start_server), as a hypervisor
would restart a crashed VM.
"""
from trove.compute import base

ERROR = 'ERROR'
ACTIVE = 'ACTIVE'
SHUTOFF = 'SHUTOFF'
VERIFY_RESIZE = 'VERIFY_RESIZE'
DELETED = ('DELETED', 'SOFT_DELETED')

# Running, or on its way back to running by itself: the agent runs (or
# will) without Trove doing anything.
_RUNNING = frozenset({ACTIVE, 'BUILD', 'REBOOT', 'HARD_REBOOT', 'PASSWORD',
                      'REBUILD', 'RESIZE', VERIFY_RESIZE, 'REVERT_RESIZE',
                      'MIGRATING', 'RESCUE'})
# Exists, but nothing runs in it until it is started.
_SHUTDOWN = frozenset({SHUTOFF, 'STOPPED', 'SUSPENDED', 'PAUSED', 'SHELVED',
                       'SHELVED_OFFLOADED', ERROR})


def power_state(server):
    """``server``: a novaclient Server, or None when Nova has none."""
    if server is None:
        return base.PowerState.NOSTATE
    status = (server.status or '').upper()
    if status in DELETED:
        return base.PowerState.NOSTATE
    if status in _SHUTDOWN:
        return base.PowerState.SHUTDOWN
    if status in _RUNNING:
        return base.PowerState.RUNNING
    # UNKNOWN (nova-compute unreachable): the guest's heartbeats tell.
    return base.PowerState.RUNNING


def fault_of(server):
    """What Nova says went wrong with a server, as one line."""
    fault = getattr(server, 'fault', None) or {}
    message = fault.get('message') if isinstance(fault, dict) else None
    return message or 'no fault recorded by Nova'
