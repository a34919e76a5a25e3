"""RPC round trips: a guest's short call beside a bare oslo.messaging ping.

- guest: GuestAPI.list_databases() of a running instance, as the API
  makes it (encrypted arguments and result, through RabbitMQ, the agent
  asks its engine);
- bare: a ``ping`` call to an RPC server in another process on the same
  RabbitMQ (``python tools/bench_rpc.py --config-file F``), with
  oslo.messaging's defaults and nothing of Trove's.

The caller has loaded the deployment's configuration into CONF.
"""
import os
import statistics
import subprocess
import sys
import time

import oslo_messaging as messaging

from trove.common import context as trove_context
from trove.common.rpc import transport
from trove.conf import CONF
from trove.db.api import instances as instances_db
from trove.guestagent import rpcapi as guest_rpcapi
from trove.instance import keys

PING_TOPIC = 'trove-benchmark-ping'


def _summary(latencies):
    ordered = sorted(latencies)
    return {'calls': len(ordered),
            'p50_ms': statistics.median(ordered) * 1000,
            'p99_ms': ordered[min(len(ordered) - 1,
                                  int(0.99 * len(ordered)))] * 1000}


def _timed(call, calls):
    for _ in range(min(calls, 20)):   # connections, queues: warm up
        call()
    latencies = []
    for _ in range(calls):
        started = time.perf_counter()
        call()
        latencies.append(time.perf_counter() - started)
    return _summary(latencies)


def guest_round_trip(instance_id, calls):
    instance = instances_db.get_instance(None, instance_id)
    guest = guest_rpcapi.GuestAPI(trove_context.admin_context(), instance_id,
                                  keys.decrypt_key(instance.encrypted_key))
    return _timed(guest.list_databases, calls)


class PingEndpoint(object):

    def ping(self, context, value):
        return value


def bare_round_trip(config_file, calls):
    server = subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), '--config-file',
         config_file], stdout=subprocess.PIPE)
    try:
        server.stdout.readline()   # 'ready'
        client = messaging.get_rpc_client(
            transport.get_transport(), messaging.Target(topic=PING_TOPIC))
        return _timed(lambda: client.call({}, 'ping', value='x'), calls)
    finally:
        server.terminate()
        server.wait()


def serve_ping():
    CONF(sys.argv[1:], project='trove')
    server = messaging.get_rpc_server(
        messaging.get_rpc_transport(CONF),
        messaging.Target(topic=PING_TOPIC, server='benchmark'),
        [PingEndpoint()])
    server.start()
    print('ready', flush=True)
    try:
        while True:
            time.sleep(1)
    finally:
        server.stop()


if __name__ == '__main__':
    serve_ping()
