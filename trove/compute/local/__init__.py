"""The ``local`` compute driver: every instance is a set of processes here.

Each instance gets a loopback address, a directory, a loop-mounted ext4
volume, a cgroup sized by its flavor and a detached guest agent. Nothing
is kept in memory between calls: the state lives on disk (instance
directory, address leases, pid files) so that any process, after any
crash, can pick up where another left off.
"""
