"""The cloud's refusals as the compute error workflows understand.

Whatever Nova, Cinder, Glance, Neutron or Keystone answer (no valid host,
over quota, image missing, unreachable), the operation fails with a
ComputeError naming the method, the instance and the cloud's own words,
which the workflow records as the instance's fault.
"""
from cinderclient import exceptions as cinder_exceptions
from keystoneauth1 import exceptions as ks_exceptions
from novaclient import exceptions as nova_exceptions
from openstack import exceptions as sdk_exceptions

from trove.compute import base

CLOUD_ERRORS = (nova_exceptions.ClientException,
                cinder_exceptions.ClientException,
                sdk_exceptions.SDKException,
                ks_exceptions.ClientException)


def describe(error):
    """The cloud's message, with its HTTP code when it has one."""
    code = getattr(error, 'code', None) or getattr(error, 'status_code',
                                                   None)
    text = str(error) or type(error).__name__
    if code and str(code) not in text:
        return '%s (HTTP %s)' % (text, code)
    return text


# Decorates the driver's methods.
compute_errors = base.failures_as_compute_errors(CLOUD_ERRORS, describe)
