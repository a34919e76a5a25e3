"""Policy defaults in code, one module per resource (namespace 'trove').

Mgmt (admin) APIs should default to base.RULE_ADMIN.
"""
import itertools

from trove.policies import backup_schedules
from trove.policies import backups
from trove.policies import base
from trove.policies import configurations
from trove.policies import databases
from trove.policies import datastores
from trove.policies import flavors
from trove.policies import instances
from trove.policies import limits
from trove.policies import mgmt
from trove.policies import root
from trove.policies import user_access
from trove.policies import users


def list_rules():
    return list(itertools.chain(
        base.list_rules(),
        instances.list_rules(),
        datastores.list_rules(),
        flavors.list_rules(),
        limits.list_rules(),
        databases.list_rules(),
        users.list_rules(),
        user_access.list_rules(),
        root.list_rules(),
        configurations.list_rules(),
        backups.list_rules(),
        backup_schedules.list_rules(),
        mgmt.list_rules(),
    ))
