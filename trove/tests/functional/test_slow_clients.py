"""64 connections that sit idle or half-sent do not stop trove-api from
answering everybody else."""
from trove.tests.functional import slow_clients

STALLED = 64
# Generous: the point is that the GET is served at all, where 2 stalled
# clients used to block it until it timed out.
BOUND_SECONDS = 10


def test_a_get_is_served_while_64_connections_stall(deployment, trove):
    url = deployment.endpoint('demo') + '/instances'
    with slow_clients.stalled_connections(deployment.api_port, STALLED):
        for _ in range(5):
            status, seconds = slow_clients.timed_get(
                url, timeout=BOUND_SECONDS)
            assert status == 200 and seconds < BOUND_SECONDS
    # And the stalled clients left nothing behind.
    assert slow_clients.timed_get(url)[0] == 200
