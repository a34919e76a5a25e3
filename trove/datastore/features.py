"""What a datastore version's engine can do, read from the capabilities
recorded with the version, so that the API refuses at once (400) what the
guest would refuse later."""
from trove.common import exception
from trove.datastore import capabilities


def supports(version, feature):
    """``feature``: 'databases', 'users', 'user access', 'root', ..."""
    return capabilities.of_version(version).supports(feature)


def check(version, feature):
    if not supports(version, feature):
        raise exception.DatastoreOperationNotSupported(
            datastore=version.datastore.name, operation=feature)
