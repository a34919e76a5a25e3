"""Re-drives configuration changes that have not reached their guests
(a lost cast, a guest that was down, an instance that was busy), until
every guest has what its instance should run with."""
from trove.common import context as trove_context
from trove.db.api import instance_configurations as states_api
from trove.taskmanager.flows import apply_configuration
from trove.taskmanager import locks


class ConfigurationSync(object):

    def __call__(self):
        context = trove_context.admin_context()
        for instance_id in states_api.list_due():
            with locks.instance_lock(instance_id):
                apply_configuration.run(context, instance_id)
