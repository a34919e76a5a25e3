"""The cloud's APIs the driver uses, over the service account's session.

python-novaclient for servers, flavors and server groups;
python-cinderclient for volumes; openstacksdk for images (Glance) and
networks (Neutron: python-neutronclient is deprecated). Each client is
made on first use, once per driver.
"""
import threading

from cinderclient import client as cinder_client
from novaclient import client as nova_client
from openstack import connection

from trove.common import cloud_session
from trove.conf import CONF


class Clients(object):
    """``servers``, ``flavors``, ``server_groups`` (novaclient managers),
    ``volumes`` (cinderclient's), ``image`` and ``network`` (openstacksdk
    proxies)."""

    def __init__(self, session=None):
        self._session = session
        self._lock = threading.Lock()
        self._nova = self._cinder = self._sdk = None

    def _get_session(self):
        return self._session or cloud_session.get_session()

    @staticmethod
    def _endpoint_options():
        credentials = CONF.service_credentials
        return credentials.region_name, credentials.interface

    def _nova_client(self):
        with self._lock:
            if self._nova is None:
                region, interface = self._endpoint_options()
                self._nova = nova_client.Client(
                    CONF.nova_compute.compute_api_version,
                    session=self._get_session(), region_name=region,
                    endpoint_type=interface)
            return self._nova

    def _cinder_client(self):
        with self._lock:
            if self._cinder is None:
                region, interface = self._endpoint_options()
                self._cinder = cinder_client.Client(
                    CONF.nova_compute.volume_api_version,
                    session=self._get_session(), region_name=region,
                    interface=interface)
            return self._cinder

    def _sdk_connection(self):
        with self._lock:
            if self._sdk is None:
                region, interface = self._endpoint_options()
                self._sdk = connection.Connection(
                    session=self._get_session(), region_name=region,
                    interface=interface)
            return self._sdk

    @property
    def servers(self):
        return self._nova_client().servers

    @property
    def flavors(self):
        return self._nova_client().flavors

    @property
    def server_groups(self):
        return self._nova_client().server_groups

    @property
    def volumes(self):
        return self._cinder_client().volumes

    @property
    def image(self):
        return self._sdk_connection().image

    @property
    def network(self):
        return self._sdk_connection().network
