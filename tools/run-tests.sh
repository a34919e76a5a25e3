#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then functional tests that start a
# private deployment (RabbitMQ, the four services, real engines) through
# tools/quickstart.sh and drive it with python-troveclient and the openstack
# CLI. It starts with the style check (flake8 with hacking, as tox -e pep8),
# so the tree stays clean. Extra arguments go to pytest, e.g.
# ./tools/run-tests.sh -k mariadb
set -u
REPO=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO/tools/lib/install.sh"

install_apt_packages || { log "apt install failed"; exit 1; }
install_venv || { log "virtualenv install failed"; exit 1; }
cd "$REPO" || exit 1
log "style check (flake8 + hacking)"
"$VENV/bin/flake8" || { log "flake8 found problems (see above)"; exit 1; }
exec "$VENV/bin/python" -m pytest -p no:cacheprovider "${@:-trove/tests}"
