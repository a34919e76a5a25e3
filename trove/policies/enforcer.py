"""The policy enforcer of trove-api and the authorize() check."""
import threading

from oslo_policy import policy

from trove.common import exception
from trove.conf import CONF
from trove import policies

_lock = threading.Lock()
_enforcer = None


def init():
    """The process-wide enforcer, created on first use."""
    global _enforcer
    with _lock:
        if _enforcer is None:
            enforcer = policy.Enforcer(CONF)
            enforcer.register_defaults(policies.list_rules())
            _enforcer = enforcer
        return _enforcer


def reset():
    """Forget the enforcer (tests that change the policy file)."""
    global _enforcer
    with _lock:
        if _enforcer is not None:
            _enforcer.clear()
        _enforcer = None


def get_enforcer():
    """Entry point for the oslopolicy-* tools ('oslo.policy.enforcer').

    Those tools have no config of their own to parse, so load trove's
    default config files the way a trove service would.
    """
    CONF([], project='trove')
    return init()


def target_for(project_id):
    """Target of a project-owned resource. ``tenant`` is Trove's name for
    the same value, kept for policy files written for Trove."""
    return {'project_id': project_id, 'tenant': project_id}


def authorize(context, rule, target):
    """Raise Forbidden unless ``rule`` allows ``context`` on ``target``."""
    creds = dict(context.to_policy_values())
    creds['is_admin'] = context.is_admin
    try:
        init().authorize(rule, target, creds, do_raise=True)
    except policy.PolicyNotAuthorized:
        raise exception.Forbidden(
            "Policy doesn't allow %s to be performed." % rule)
