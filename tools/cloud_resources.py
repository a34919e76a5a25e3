"""What Trove needs inside the test cloud, made as an admin through the
cloud's APIs (openstacksdk); run again, it makes only what is missing.

  cloud_resources.py STATE_DIR MGMT_CIDR

- Nova flavors with the ids, names, RAM and vCPUs of Trove's own
  (trove-manage's DEFAULT_FLAVORS) and a small disk;
- the management network ``trove-mgmt`` (shared, Trove's service
  project's) with a loopback subnet MGMT_CIDR;
- one public Glance image per datastore version found on this host (as
  ``trove-manage register_local`` registers them), tagged ``trove`` and
  the datastore's name. The image is a STAND-IN for a guest image: a
  small JSON manifest naming the datastore and version, since the test
  cloud's servers run the host's engines (see test-cloud.rst).
"""
import json
import os
import sys
import time

import openstack
import openstack.config
import openstack.connection

from trove.cmd import manage
from trove.datastore import detect

MGMT_NETWORK = 'trove-mgmt'
# flavor id: disk GB (the volume a server gets when there is no Cinder).
FLAVOR_DISK_GB = {'1': 1, '2': 1, '3': 2, '4': 2}


def connect(state_dir):
    config = openstack.config.OpenStackConfig(
        config_files=[os.path.join(state_dir, 'clouds.yaml')])
    return openstack.connection.Connection(
        config=config.get_one('trove-admin'))


def ensure_flavors(cloud):
    existing = {flavor.id for flavor in cloud.compute.flavors(
        is_public=None)}
    for flavor_id, name, ram, vcpus, _ in manage.DEFAULT_FLAVORS:
        if flavor_id not in existing:
            cloud.compute.create_flavor(
                id=flavor_id, name=name, ram=ram, vcpus=vcpus,
                disk=FLAVOR_DISK_GB.get(flavor_id, 1))
            print('Created flavor %s (%s).' % (flavor_id, name))


def ensure_mgmt_network(cloud, cidr):
    service = cloud.identity.find_project('service')
    network = cloud.network.find_network(MGMT_NETWORK)
    if network is None:
        network = cloud.network.create_network(
            name=MGMT_NETWORK, shared=True, project_id=service.id)
        print('Created network %s.' % MGMT_NETWORK)
    if not network.subnet_ids:
        cloud.network.create_subnet(
            name=MGMT_NETWORK + '-subnet', network_id=network.id,
            ip_version=4, cidr=cidr, project_id=service.id)
        print('Created subnet %s on %s.' % (cidr, MGMT_NETWORK))


def manifest(engine, version_name, full_version):
    return json.dumps({
        'kind': 'trove test cloud guest image (a stand-in)',
        'datastore': engine.datastore,
        'datastore_version': version_name,
        'engine_version': full_version,
        'manager': engine.manager,
    }, indent=1).encode()


def ensure_images(cloud):
    names = {image.name for image in cloud.image.images()}
    for engine, version_name, full_version in detect.detect():
        name = 'trove-%s-%s' % (engine.datastore, version_name)
        if name in names:
            continue
        image = cloud.image.create_image(
            name=name, data=manifest(engine, version_name, full_version),
            disk_format='raw', container_format='bare',
            visibility='public', tags=['trove', engine.datastore],
            trove_datastore=engine.datastore,
            trove_datastore_version=version_name)
        print('Created image %s (%s).' % (name, image.id))


def wait_for_compute(cloud, timeout=180):
    """Until nova-compute is up and its hypervisor reported: before that,
    every build ends "No valid host was found"."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        up = [s for s in cloud.compute.services(binary='nova-compute')
              if s.state == 'up' and s.status == 'enabled']
        if up and list(cloud.compute.hypervisors()):
            return
        time.sleep(0.5)
    sys.exit('nova-compute did not report its hypervisor in %d s' % timeout)


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    cloud = connect(argv[0])
    ensure_flavors(cloud)
    ensure_mgmt_network(cloud, argv[1])
    ensure_images(cloud)
    wait_for_compute(cloud)


if __name__ == '__main__':
    main(sys.argv[1:])
