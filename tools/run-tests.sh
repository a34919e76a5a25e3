#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then functional tests that start a
# private deployment (RabbitMQ, the four services, real engines) through
# tools/quickstart.sh and drive it with python-troveclient and the openstack
# CLI. Extra arguments go to pytest, e.g. ./tools/run-tests.sh -k mariadb
set -u
REPO=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO/tools/lib/install.sh"

install_apt_packages || { log "apt install failed"; exit 1; }
install_venv || { log "virtualenv install failed"; exit 1; }
cd "$REPO"
exec "$VENV/bin/python" -m pytest -p no:cacheprovider "${@:-trove/tests}"
