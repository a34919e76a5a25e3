#!/usr/bin/env bash
# Builds a bootable guest image for a real cloud:
#   ./tools/build-guest-image.sh DATASTORE VERSION [OUTPUT.qcow2]
# e.g. ./tools/build-guest-image.sh mariadb 10.11 (mariadb, postgresql or
# redis, at the version Debian 12 ships). The image is Debian 12
# (debootstrap) with the engine's packages, Trove's guest agent in a
# virtualenv (/opt/trove-guestagent), a systemd unit that starts it with
# the config cloud-init writes from the server's user data
# (/etc/trove/conf.d), cloud-init with the ConfigDrive and OpenStack
# datasources, a kernel, and extlinux on one ext4 partition.
#
# Settings (environment): TROVE_IMAGE_DIR (work and output directory,
# default ./images), TROVE_IMAGE_MIRROR (http://deb.debian.org/debian),
# TROVE_IMAGE_SIZE (disk size, default 3G). The unpacked root is kept
# beside the image (DATASTORE-VERSION.root/) for tools/run-image-agent.sh;
# TROVE_IMAGE_CACHE keeps the downloaded packages (default $TROVE_IMAGE_DIR/debs).
# No set -e: install.sh's functions check their own steps.
set -u
REPO=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO/tools/lib/install.sh"
. "$REPO/tools/lib/guest_image.sh"

usage() {
    echo "usage: $0 DATASTORE VERSION [OUTPUT.qcow2]" >&2
    exit 2
}

[ $# -ge 2 ] || usage
DATASTORE=$1
VERSION=$2
IMAGE_DIR=$(mkdir -p "${TROVE_IMAGE_DIR:-$REPO/images}" && cd "${TROVE_IMAGE_DIR:-$REPO/images}" && pwd)
OUTPUT=${3:-$IMAGE_DIR/trove-$DATASTORE-$VERSION.qcow2}
MIRROR=${TROVE_IMAGE_MIRROR:-http://deb.debian.org/debian}
SIZE=${TROVE_IMAGE_SIZE:-3G}
ROOT=$IMAGE_DIR/$DATASTORE-$VERSION.root

ENGINE_PACKAGES=$(engine_packages "$DATASTORE" "$VERSION") || exit 2
[ "$(id -u)" = 0 ] || { log "building an image needs root (debootstrap, loop devices)"; exit 1; }
install_image_tools || { log "could not install the image tools"; exit 1; }
# The project's own venv: it builds the agent's wheels.
install_venv || { log "virtualenv install failed"; exit 1; }

started=$(date +%s)
build_root "$ROOT" "$MIRROR" "$ENGINE_PACKAGES" || exit 1
install_agent "$ROOT" "$IMAGE_DIR/wheelhouse" || exit 1
configure_guest "$ROOT" "$DATASTORE" "$VERSION" || exit 1
make_disk "$ROOT" "$OUTPUT" "$SIZE" || exit 1
log "built $OUTPUT in $(( $(date +%s) - started )) s; upload it with:"
log "  openstack image create trove-$DATASTORE-$VERSION --disk-format qcow2 --container-format bare --file $OUTPUT --tag trove --tag $DATASTORE"
log "  trove-manage datastore_version_update $DATASTORE $VERSION $DATASTORE '' '' 1 --image-tags trove,$DATASTORE"
