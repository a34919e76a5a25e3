"""Loopback addresses for instances, leased through files.

A lease is a file named after the address whose content is the instance
id. It comes into being with link(2), which is atomic and fails if the
name exists: two processes can never lease the same address, and a crash
can never leave a lease without its holder written in it.
"""
import ipaddress
import os
import uuid

from oslo_log import log as logging

from trove.common import exception

LOG = logging.getLogger(__name__)


class AddressPool(object):

    def __init__(self, network, leases_dir):
        try:
            self.network = ipaddress.ip_network(network)
        except ValueError as error:
            raise exception.ComputeError(
                reason='address_pool %r is not a network: %s' % (
                    network, error))
        self.leases_dir = leases_dir

    def allocate(self, instance_id):
        """The instance's address; leases a free one on the first call."""
        os.makedirs(self.leases_dir, exist_ok=True)
        if not self._held_by(instance_id):
            taken = set(self.holders())
            for address in self._candidates():
                if address not in taken and self._lease(address, instance_id):
                    break
            else:
                raise exception.ComputeError(
                    reason='address pool %s is exhausted' % self.network)
        return self._settle(instance_id)

    def lookup(self, instance_id):
        held = self._held_by(instance_id)
        return held[0] if held else None

    def release(self, instance_id):
        for address in self._held_by(instance_id):
            self._unlink(address)
            LOG.info('Released address %s of instance %s',
                     address, instance_id)
        for name in self._names():
            if name.startswith(self._draft_prefix(instance_id)):
                self._unlink(name)

    def holders(self):
        """{address: instance_id} of every lease, in any pool."""
        leases = {}
        for name in self._names():
            if not _is_address(name):
                continue  # drafts of leases being written, or strays
            try:
                with open(os.path.join(self.leases_dir, name)) as lease:
                    leases[name] = lease.read().strip()
            except FileNotFoundError:
                continue
        return leases

    def _candidates(self):
        # The network address is not a host and .1 is left out by
        # convention (it looks like a gateway); hosts() drops broadcast.
        first_usable = int(self.network.network_address) + 2
        for host in self.network.hosts():
            if int(host) >= first_usable:
                yield str(host)

    def _lease(self, address, instance_id):
        draft = os.path.join(self.leases_dir, '%s%s' % (
            self._draft_prefix(instance_id), uuid.uuid4().hex))
        with open(draft, 'w') as lease:
            lease.write(instance_id + '\n')
            lease.flush()
            os.fsync(lease.fileno())
        try:
            os.link(draft, os.path.join(self.leases_dir, address))
        except FileExistsError:
            return False
        finally:
            os.unlink(draft)
        LOG.info('Leased address %s to instance %s', address, instance_id)
        return True

    def _settle(self, instance_id):
        # Two concurrent calls for one instance may each lease an address;
        # both keep the lowest and drop the rest, so they agree.
        held = self._held_by(instance_id)
        if not held:
            raise exception.ComputeError(
                reason='the address of instance %s was released while it '
                       'was being allocated' % instance_id)
        for extra in held[1:]:
            self._unlink(extra)
        return held[0]

    def _held_by(self, instance_id):
        held = [address for address, holder in self.holders().items()
                if holder == instance_id]
        return sorted(held, key=ipaddress.ip_address)

    @staticmethod
    def _draft_prefix(instance_id):
        # '~' never occurs in an instance id, so one instance's prefix is
        # never the start of another's.
        return '.%s~' % instance_id

    def _names(self):
        try:
            return os.listdir(self.leases_dir)
        except FileNotFoundError:
            return []

    def _unlink(self, name):
        try:
            os.unlink(os.path.join(self.leases_dir, name))
        except FileNotFoundError:
            pass


def _is_address(name):
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True
