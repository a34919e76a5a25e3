"""Loading a datastore version's parameter rules into the control DB
(trove-manage)."""
import os

from trove.configuration import rules as rules_module
from trove.db.api import configuration_parameters as parameters_db
from trove.db.api import datastores as datastores_db


def load(datastore_name, version_name, path):
    """Make the version's parameters exactly those of the rules file at
    ``path``; returns how many there are. A malformed file changes
    nothing (ValueError)."""
    rules = rules_module.load(path)
    datastore = datastores_db.get_datastore(datastore_name)
    version = datastores_db.get_version(datastore.id, version_name)
    return parameters_db.replace(version.id, rules)


def load_shipped(datastore_name, version_name, manager=None):
    """The rules shipped for the datastore (etc/trove/validation-rules),
    or else for its ``manager`` (a datastore of another name running a
    known engine), if there are any; returns the file loaded, or None."""
    path = rules_module.rules_file(datastore_name)
    if not os.path.exists(path) and manager:
        path = rules_module.rules_file(manager)
    if not os.path.exists(path):
        return None
    load(datastore_name, version_name, path)
    return path
