"""What a new guest is told through its config file (the config drive)."""
from trove.conf import CONF


def build(instance, flavor, rpc_key, bus_account):
    """``bus_account``: the guest's own (trove.common.broker_accounts)."""
    version = instance.datastore_version
    return {
        'DEFAULT': {
            'transport_url': bus_account.transport_url,
            'control_exchange': bus_account.control_exchange,
            'conductor_topic': CONF.conductor_topic,
            'debug': CONF.debug,
        },
        'guest_agent': {
            'datastore_manager': version.manager,
            'datastore_version': version.name,
            'flavor_ram': flavor.ram,
            'flavor_vcpus': flavor.vcpus,
            'rpc_encryption_key': rpc_key,
            'heartbeat_interval': CONF.guest_agent.heartbeat_interval,
        },
    }
