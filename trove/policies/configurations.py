"""Configuration groups and the parameters they may set (Trove's rule
names), and the instance's default configuration."""
from trove.policies import base

PATH_CONFIGURATIONS = base.PATH_BASE + '/configurations'
PATH_CONFIGURATION = PATH_CONFIGURATIONS + '/{configuration_id}'
PATH_CONFIGURATION_INSTANCES = PATH_CONFIGURATION + '/instances'
PATH_PARAMETERS = base.PATH_DATASTORE_VERSION + '/parameters'
PATH_PARAMETER = PATH_PARAMETERS + '/{parameter}'
PATH_PARAMETERS_BY_VERSION = base.PATH_VERSION_BY_UUID + '/parameters'
PATH_PARAMETER_BY_VERSION = PATH_PARAMETERS_BY_VERSION + '/{parameter}'
PATH_INSTANCE_CONFIGURATION = base.PATH_INSTANCE + '/configuration'

rules = [
    base.owner_rule('configuration:create', 'Create a configuration group.',
                    PATH_CONFIGURATIONS, 'POST'),
    base.owner_rule('configuration:index',
                    "List a project's configuration groups.",
                    PATH_CONFIGURATIONS, 'GET'),
    base.owner_rule('configuration:show', 'Show a configuration group.',
                    PATH_CONFIGURATION, 'GET'),
    base.owner_rule('configuration:update',
                    'Replace the values (and name, description) of a '
                    'configuration group.', PATH_CONFIGURATION, 'PUT'),
    base.owner_rule('configuration:edit',
                    'Change some values of a configuration group.',
                    PATH_CONFIGURATION, 'PATCH'),
    base.owner_rule('configuration:delete',
                    'Delete a configuration group no instance uses.',
                    PATH_CONFIGURATION, 'DELETE'),
    base.owner_rule('configuration:instances',
                    'List the instances using a configuration group.',
                    PATH_CONFIGURATION_INSTANCES, 'GET'),
    base.owner_rule('configuration-parameter:index',
                    'List the parameters of a datastore version.',
                    PATH_PARAMETERS, 'GET'),
    base.owner_rule('configuration-parameter:show',
                    'Show a parameter of a datastore version.',
                    PATH_PARAMETER, 'GET'),
    base.owner_rule('configuration-parameter:index_by_version',
                    'List the parameters of a datastore version, by id.',
                    PATH_PARAMETERS_BY_VERSION, 'GET'),
    base.owner_rule('configuration-parameter:show_by_version',
                    'Show a parameter of a datastore version, by id.',
                    PATH_PARAMETER_BY_VERSION, 'GET'),
    base.owner_rule('instance:configuration',
                    "Show an instance's default configuration (its "
                    "template's values for its flavor).",
                    PATH_INSTANCE_CONFIGURATION, 'GET'),
]


def list_rules():
    return rules
