"""Reports to the conductor as a guest's ConductorAPI sends them: signed
with the key of the instance they are about, without a bus."""
import inspect
import time

from trove.conductor import manager as conductor_manager
from trove.conductor import proof
from trove.conductor import rpcapi as conductor_rpcapi
from trove.db.api import backups as backups_api
from trove.db.api import instances as instances_api
from trove.instance import keys


def rpc_key(instance_id):
    return keys.decrypt_key(instances_api.get_encrypted_key(instance_id))


class AsGuest(object):

    def __init__(self, conductor=None):
        self.conductor = conductor or conductor_manager.ConductorManager()
        # A test's ``sent`` values are seconds after this moment, a minute
        # before this sender was made: they order its reports as written
        # and are recent enough to believe however long the run is.
        self.epoch = time.time() - 60

    def __getattr__(self, method):
        signature = inspect.signature(
            getattr(conductor_rpcapi.ConductorAPI, method))

        def send(*args, **kwargs):
            arguments = signature.bind(None, *args, **kwargs).arguments
            arguments.pop('self')
            context = arguments.pop('context')
            arguments['sent'] = self.epoch + arguments['sent']
            instance_id = arguments.get('instance_id') or \
                backups_api.get_backup(
                    None, arguments['backup_id']).instance_id
            return getattr(self.conductor, method)(
                context, proof=proof.sign(rpc_key(instance_id), method,
                                          instance_id, arguments),
                **arguments)
        return send
