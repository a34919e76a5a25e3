"""A STAND-IN for Neutron, not Neutron: the few networking v2.0 calls Nova
and Trove's nova driver make (networks, subnets, ports with fixed IPs from
a loopback subnet, security groups and their rules, quotas, extensions),
answered from a JSON file. Real neutron-server cannot serve Nova here: its
ML2 mechanism drivers bind a port only for a live L2 agent (or OVN), so
every port would end binding_failed and Nova would refuse the build.
Nothing here moves packets: 127/8 is routed to lo already."""
