"""Rules the resource rules build on, and the API paths they document."""
from oslo_policy import policy

PATH_BASE = '/v1.0/{project_id}'
PATH_INSTANCES = PATH_BASE + '/instances'
PATH_INSTANCES_DETAIL = PATH_INSTANCES + '/detail'
PATH_INSTANCE = PATH_INSTANCES + '/{instance_id}'
PATH_INSTANCE_ACTION = PATH_INSTANCE + '/action'
PATH_DATASTORES = PATH_BASE + '/datastores'
PATH_DATASTORE = PATH_DATASTORES + '/{datastore}'
PATH_DATASTORE_VERSIONS = PATH_DATASTORE + '/versions'
PATH_DATASTORE_VERSION = PATH_DATASTORE_VERSIONS + '/{version}'
PATH_VERSION_BY_UUID = PATH_DATASTORES + '/versions/{version_id}'
PATH_FLAVORS = PATH_BASE + '/flavors'
PATH_FLAVOR = PATH_FLAVORS + '/{flavor_id}'
PATH_LIMITS = PATH_BASE + '/limits'
PATH_DATABASES = PATH_INSTANCE + '/databases'
PATH_DATABASE = PATH_DATABASES + '/{database}'
PATH_USERS = PATH_INSTANCE + '/users'
PATH_USER = PATH_USERS + '/{user}'
PATH_USER_ACCESS = PATH_USER + '/databases'
PATH_USER_ACCESS_DATABASE = PATH_USER_ACCESS + '/{database}'
PATH_ROOT = PATH_INSTANCE + '/root'

RULE_ADMIN = 'rule:admin'
# OpenStack's secure RBAC defaults: a project's readers read, its members
# change, admins manage every project. Keystone's bootstrap makes admin
# imply member and member imply reader, so a member's token carries both.
RULE_ADMIN_OR_READER = 'rule:admin_or_reader'
RULE_ADMIN_OR_MEMBER = 'rule:admin_or_member'
# Resources every authenticated user may see (datastores, flavors).
RULE_ANYONE = ''

rules = [
    # is_admin comes from [DEFAULT] admin_roles, so operators who name their
    # admin role differently need not rewrite this rule.
    policy.RuleDefault(
        'admin', 'role:admin or is_admin:True',
        description='Must be an administrator.'),
    # Targets carry both project_id and tenant, so policy files written for
    # Trove (which uses %(tenant)s) keep working.
    policy.RuleDefault(
        'project_reader', 'role:reader and project_id:%(project_id)s',
        description='Must have the reader role on the project that owns '
                    'the resource.'),
    policy.RuleDefault(
        'project_member', 'role:member and project_id:%(project_id)s',
        description='Must have the member role on the project that owns '
                    'the resource.'),
    policy.RuleDefault(
        'admin_or_reader', 'rule:admin or rule:project_reader',
        description='Reads of a project\'s resources.'),
    policy.RuleDefault(
        'admin_or_member', 'rule:admin or rule:project_member',
        description='Changes to a project\'s resources.'),
    # Trove's name for "the project's own users", kept for policy files
    # written for Trove that refer to it.
    policy.RuleDefault(
        'admin_or_owner', 'rule:admin_or_member',
        description='Kept for policy files written for Trove.'),
    policy.RuleDefault(
        'default', 'rule:admin_or_member',
        description='Applies to rules not registered in code.'),
]


def project_rule(method):
    """The secure RBAC default of a project's resource: reads for readers,
    anything else for members."""
    return RULE_ADMIN_OR_READER if method == 'GET' else RULE_ADMIN_OR_MEMBER


def owner_rule(name, description, path, method, also=()):
    """A rule on a project's resource (see project_rule); ``also``: more
    (path, method) pairs that check it."""
    operations = [{'path': path, 'method': method}]
    operations += [{'path': p, 'method': m} for p, m in also]
    return policy.DocumentedRuleDefault(
        name=name, check_str=project_rule(method), description=description,
        operations=operations)


def list_rules():
    return rules
