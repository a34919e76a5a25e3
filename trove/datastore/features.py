"""What a datastore's engine can do, read from its guest-side admin class,
so that the API refuses at once (400) what the guest would refuse later."""
from trove.guestagent.datastores import base
from trove.guestagent.datastores import loader

# The operation a feature needs, by feature name.
_PROBES = {'databases': 'create_databases', 'users': 'create_users',
           'user access': 'grant_access', 'root': 'enable_root'}


def supports(manager, feature):
    try:
        admin_class = loader.datastore_class(manager).admin_class
    except Exception:  # an unknown engine: let the guest say what it is
        return True
    if admin_class is None:
        return False
    probe = _PROBES[feature]
    return getattr(admin_class, probe) is not getattr(base.DatabaseAdmin,
                                                       probe)


def check(manager, datastore_name, feature):
    if not supports(manager, feature):
        raise base.exception.DatastoreOperationNotSupported(
            datastore=datastore_name, operation=feature)
