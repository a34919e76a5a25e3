#!/usr/bin/env bash
# The benchmark suite: provisioning against each engine's floor,
# concurrency, scale, RPC round trips, backup throughput and delete times,
# on a private deployment started through the quickstart's own code (ports
# and addresses of its own; removed at the end). Prints a table and writes
# the figures to benchmark-results.json. Options go to tools/benchmark.py,
# e.g. ./tools/benchmark.sh --sections provisioning,rpc; --sections density
# (not in the default run) fills the host with small instances and reports
# how many of each engine it holds.
set -u
REPO=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO/tools/lib/install.sh"

install_apt_packages || { log "apt install failed"; exit 1; }
install_venv || { log "virtualenv install failed"; exit 1; }
exec "$VENV/bin/python" -W ignore::DeprecationWarning "$REPO/tools/benchmark.py" "$@"
