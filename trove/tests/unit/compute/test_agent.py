"""Agents started by this process are collected once they exit, also
when concurrent deletes collect at the same moment."""
from trove.compute.local import agent


class _ExitedChild(object):

    def __init__(self, pid):
        self.pid = pid

    def poll(self):
        # Another delete's thread collects it first, between the listing
        # and the removal of this one.
        agent._started.pop(self.pid, None)
        return 0


def test_an_agent_collected_by_another_thread_meanwhile_is_no_error():
    agent._started.update({-1: _ExitedChild(-1), -2: _ExitedChild(-2)})
    try:
        agent._collect_exited()
        assert -1 not in agent._started and -2 not in agent._started
    finally:
        agent._started.pop(-1, None)
        agent._started.pop(-2, None)
