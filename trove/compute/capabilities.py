"""What each compute driver can honour of a create request, as data.

The API refuses what the configured driver cannot honour (a 400, rather
than an instance that silently lacks it), and must know this without
loading the driver: the control plane never imports trove.compute.local.
So each driver declares its capabilities twice, in its class
(ComputeDriver.honoured_options) and here under its entry point name,
and a unit test keeps the two equal.
"""
from trove.conf import CONF

# Create options a driver may honour.
ACCESS = 'access'            # is_public / allowed_cidrs on the server
NICS = 'nics'                # networks or ports the client chose
VOLUME_TYPES = 'volume_types'   # a block storage volume type

ALL = frozenset({ACCESS, NICS, VOLUME_TYPES})

# By entry point (trove.compute.drivers). The local driver runs an
# instance as processes on loopback addresses: no networks to choose, no
# ports to open to the world, one kind of volume.
HONOURED_OPTIONS = {
    'local': frozenset(),
    # A Nova server gets ports on the user's networks and a security group
    # opening its engine's port to the allowed CIDRs. Volume types are
    # [nova_compute] volume_type's, not the user's.
    'nova': frozenset({ACCESS, NICS}),
}


def honoured_options(driver=None):
    """The options the configured (or named) driver honours; none for a
    driver that declares nothing."""
    return HONOURED_OPTIONS.get(driver or CONF.compute.driver, frozenset())
