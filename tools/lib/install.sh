# shellcheck shell=bash
# Installs what the project needs on a Debian host: apt packages and the
# virtualenv. Sourced by quickstart.sh and run-tests.sh; idempotent and quick
# when everything is already there.

APT_PACKAGES="rabbitmq-server mariadb-server mariadb-backup postgresql redis-server e2fsprogs curl iproute2"
# Tools of the tests of the devstack plugin and of guest images (building,
# checking, booting one), installed without what they merely recommend.
TOOL_PACKAGES="shellcheck debootstrap qemu-utils extlinux syslinux-common fdisk genisoimage qemu-system-x86"
VENV="$REPO/.venv"

log() { echo "[trove] $*" >&2; }

install_apt_packages() {
    _install_missing "$APT_PACKAGES" && _install_missing "$TOOL_PACKAGES" --no-install-recommends
}

_install_missing() {
    local packages=$1; shift
    local missing=()
    for pkg in $packages; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" \
            || missing+=("$pkg")
    done
    # Debian's python3 needs python3-venv before "python3 -m venv" works.
    python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    # Keep the distribution's own services from starting: the project runs
    # private ones (its own RabbitMQ node, one engine per instance).
    local policy=/usr/sbin/policy-rc.d created_policy=""
    if [ ! -e $policy ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo tee $policy >/dev/null
        $sudo chmod +x $policy
        created_policy=1
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" "${missing[@]}" >/dev/null
    local rc=$?
    [ -n "$created_policy" ] && $sudo rm -f $policy
    return $rc
}

# Reinstalls the project into the venv whenever its requirements change.
install_venv() {
    local stamp="$VENV/.trove-installed"
    local want
    want=$(cat "$REPO/setup.cfg" "$REPO/pyproject.toml" "$REPO/requirements.txt" \
               "$REPO/test-requirements.txt" "$REPO/upper-constraints.txt" \
           | sha256sum | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return 0
    fi
    log "installing the project into $VENV"
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" || return 1
    "$VENV/bin/pip" install -q --upgrade pip 2>&1 | grep -v '^WARNING: Location' >&2
    "$VENV/bin/pip" install -q -c "$REPO/upper-constraints.txt" -e "$REPO" \
        -r "$REPO/test-requirements.txt" 2>&1 | grep -v '^WARNING: Location' >&2
    [ "${PIPESTATUS[0]}" -eq 0 ] || return 1
    echo "$want" > "$stamp"
}

# A service of its own venv (Keystone, Swift, the test cloud's), pinned by
# its constraints file and reinstalled whenever that file changes:
#   install_pinned_venv NAME VENV CONSTRAINTS PACKAGE...
install_pinned_venv() {
    local name=$1 venv=$2 pins=$3; shift 3
    local stamp="$venv/.trove-installed" want
    want=$(sha256sum < "$pins" | cut -d' ' -f1)
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return 0
    log "installing $name into $venv"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv" || return 1
    "$venv/bin/pip" install -q -c "$pins" "$@" 2>&1 | grep -v '^WARNING: Location' >&2
    [ "${PIPESTATUS[0]}" -eq 0 ] || return 1
    echo "$want" > "$stamp"
}
