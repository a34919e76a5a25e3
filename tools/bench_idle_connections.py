r"""GET latency of trove-api with 0 and with 64 stalled connections.

Half of the stalled connections send nothing, half send half a request
and wait (tests/functional/slow_clients.py), as a client holding the
server's workers would. The baseline is measured in the same run, on the
same deployment, just before. Starts a private deployment on the
benchmarks' ports (take flock /tmp/trove-bench.lock), or measures a
running API with --port:

    flock /tmp/trove-bench.lock \
        .venv/bin/python tools/bench_idle_connections.py
    .venv/bin/python tools/bench_idle_connections.py --port 8779
"""
import argparse
import os
import statistics
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from trove.tests.functional import deployment as deployment_module  # noqa
from trove.tests.functional import slow_clients  # noqa

BENCH_API_PORT = int(os.environ.get('TROVE_BENCH_API_PORT', 28779))


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def latencies(url, count):
    samples = []
    for _ in range(count):
        status, seconds = slow_clients.timed_get(url, timeout=60)
        assert status == 200, status
        samples.append(seconds * 1000)
    return samples


def measure(port, stalled, count):
    url = 'http://127.0.0.1:%d/v1.0/demo/instances' % port
    latencies(url, 10)    # warm both workers up
    rows = []
    for connections in (0, stalled):
        with slow_clients.stalled_connections(port, connections):
            samples = latencies(url, count)
        rows.append((connections, statistics.median(samples),
                     percentile(samples, 0.99), max(samples)))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--port', type=int,
                        help='a running trove-api (default: start one)')
    parser.add_argument('--stalled', type=int, default=64)
    parser.add_argument('--requests', type=int, default=300)
    args = parser.parse_args()
    deployment = None
    port = args.port
    if port is None:
        deployment = deployment_module.Deployment(
            api_port=BENCH_API_PORT, rabbit_port=5699,
            address_pool='127.89.0.0/16', cgroup_prefix='trove-benchmark',
            prefix='trove-benchmark-')
        deployment.start()
        port = deployment.api_port
    try:
        rows = measure(port, args.stalled, args.requests)
    finally:
        if deployment is not None:
            deployment.stop()
            deployment.remove()
    print('GET /v1.0/demo/instances, %d requests each, one at a time'
          % args.requests)
    print('%-20s %10s %10s %10s' % ('stalled connections', 'p50 ms',
                                    'p99 ms', 'max ms'))
    for connections, p50, p99, worst in rows:
        print('%-20d %10.1f %10.1f %10.1f' % (connections, p50, p99, worst))


if __name__ == '__main__':
    main()
