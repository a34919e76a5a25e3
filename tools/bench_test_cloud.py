"""Server create -> ACTIVE on the test cloud (TROVE_COMPUTE=nova), through
Nova's API as demo's member, polled every 0.1 s; each server deleted after.

  bench_test_cloud.py STATE_DIR [COUNT]   (default 5; prints the median)
"""
import base64
import os
import statistics
import sys
import time

import openstack.config
import openstack.connection

USER_DATA = b"""#cloud-config
write_files:
- path: /etc/bench
  content: bench
"""


def connect(state_dir, cloud):
    config = openstack.config.OpenStackConfig(
        config_files=[os.path.join(state_dir, 'clouds.yaml')])
    return openstack.connection.Connection(config=config.get_one(cloud))


def one_server(cloud, image, network, index):
    began = time.monotonic()
    server = cloud.compute.create_server(
        name='bench-%d' % index, flavor_id='1', image_id=image.id,
        networks=[{'uuid': network.id}],
        user_data=base64.b64encode(USER_DATA).decode())
    while True:
        server = cloud.compute.get_server(server.id)
        if server.status in ('ACTIVE', 'ERROR'):
            break
        time.sleep(0.1)
    took = time.monotonic() - began
    status = server.status
    cloud.compute.delete_server(server.id)
    cloud.compute.wait_for_delete(server, interval=0.2)
    if status != 'ACTIVE':
        sys.exit('server %s ended %s' % (server.id, status))
    return took


def main(argv):
    if len(argv) not in (1, 2):
        sys.exit(__doc__)
    count = int(argv[1]) if len(argv) == 2 else 5
    cloud = connect(argv[0], 'trove')
    image = cloud.image.find_image('trove-redis-7.0')
    network = cloud.network.find_network('trove-mgmt')
    times = []
    for index in range(count):
        times.append(one_server(cloud, image, network, index))
        print('server %d: create -> ACTIVE %.2f s' % (index, times[-1]))
    print('median of %d: %.2f s' % (count, statistics.median(times)))


if __name__ == '__main__':
    main(sys.argv[1:])
