# shellcheck shell=bash
# A private Swift for TROVE_BACKUP_STORAGE=swift (and the test cloud of
# TROVE_COMPUTE=nova): installed from PyPI into its own virtualenv (pinned
# by tools/swift-constraints.txt), one device, rings of one replica, and
# the proxy, account, container and object servers on 127.0.0.1, one
# process each. The proxy authenticates with Keystone (authtoken +
# keystoneauth, accounts AUTH_<project id>), so it needs keystone.sh's
# Keystone running. Each function can be called on its own:
# swift_install, swift_start, swift_stop, swift_status.
#
# Ports: the proxy on $TROVE_SWIFT_PORT (default 8080), the object,
# container and account servers on the next three.

SWIFT_PORT=${TROVE_SWIFT_PORT:-8080}
SWIFT_VENV="$REPO/.venv-swift"
SWIFT_DIR="$STATE_DIR/swift"
SWIFT_DEVICES="$SWIFT_DIR/devices"
SWIFT_DEVICE=d1
SWIFT_URL="http://127.0.0.1:$SWIFT_PORT/v1/AUTH_%(project_id)s"
SWIFT_SERVERS="object container account proxy"
SWIFT_ACCOUNTS="$REPO/tools/keystone_accounts.py"

swift_port() {
    case $1 in
        proxy) echo "$SWIFT_PORT" ;;
        object) echo $((SWIFT_PORT + 1)) ;;
        container) echo $((SWIFT_PORT + 2)) ;;
        account) echo $((SWIFT_PORT + 3)) ;;
    esac
}

swift_install() {
    install_pinned_venv Swift "$SWIFT_VENV" "$REPO/tools/swift-constraints.txt" \
        swift keystonemiddleware
}

# Swift keeps each object's metadata in user xattrs (in pieces of 254
# bytes). A directory whose file system refuses them gets a loop-mounted
# ext4 file instead (as devstack does), also when TROVE_SWIFT_LOOP=1; once
# made, the file is mounted at each start (swift_stop unmounts it).
swift_xattr_ok() {
    python3 - "$1" <<'PY'
import os, sys
probe = os.path.join(sys.argv[1], '.xattr-probe')
open(probe, 'w').close()
try:
    for piece in range(4):
        os.setxattr(probe, 'user.swift.metadata%d' % piece, b'x' * 254)
except OSError:
    sys.exit(1)
finally:
    os.unlink(probe)
PY
}

swift_device() {
    local device="$SWIFT_DEVICES/$SWIFT_DEVICE" image="$SWIFT_DIR/device.img"
    mkdir -p "$device"
    mountpoint -q "$device" && return 0
    if [ ! -f "$image" ] && [ "${TROVE_SWIFT_LOOP:-0}" != 1 ] \
            && swift_xattr_ok "$device"; then
        return 0
    fi
    log "Swift device $device: loop-mounting $image (ext4)"
    [ -f "$image" ] || { truncate -s "${TROVE_SWIFT_LOOP_SIZE:-2G}" "$image" \
        && mkfs.ext4 -q -F "$image"; } || return 1
    mount -o loop,user_xattr "$image" "$device" || return 1
    swift_xattr_ok "$device"
}

swift_server_conf() {
    local server=$1
    cat <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $(swift_port "$server")
# 0: the server answers in its own process (no forked workers).
workers = 0
user = $(id -un)
swift_dir = $SWIFT_DIR
devices = $SWIFT_DEVICES
mount_check = false
log_name = swift-$server

[pipeline:main]
pipeline = $server-server

[app:$server-server]
use = egg:swift#$server
CONF
}

# The proxy: authtoken validates the caller's token with Keystone,
# keystoneauth lets admin and member of a project use its account
# AUTH_<project id>; container-quotas lets an account cap a container
# (X-Container-Meta-Quota-Bytes); slo serves Trove's segmented backups (the proxy adds
# the filters it requires itself: dlo, copy, versioned_writes, ...).
swift_proxy_conf() {
    cat <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $SWIFT_PORT
workers = 0
user = $(id -un)
swift_dir = $SWIFT_DIR
log_name = swift-proxy

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging listing_formats authtoken keystoneauth copy container-quotas slo dlo proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:gatekeeper]
use = egg:swift#gatekeeper

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:proxy-logging]
use = egg:swift#proxy_logging

[filter:listing_formats]
use = egg:swift#listing_formats

[filter:copy]
use = egg:swift#copy

[filter:container-quotas]
use = egg:swift#container_quotas

[filter:slo]
use = egg:swift#slo

[filter:dlo]
use = egg:swift#dlo

[filter:keystoneauth]
use = egg:swift#keystoneauth
reseller_prefix = AUTH_
operator_roles = admin, member

[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
www_authenticate_uri = $KEYSTONE_URL
auth_url = $KEYSTONE_URL
auth_type = password
username = swift
password = $(keystone_password swift)
user_domain_name = Default
project_name = service
project_domain_name = Default
delay_auth_decision = true
CONF
}

swift_configure() {
    local server
    mkdir -p "$SWIFT_DIR/log" "$STATE_DIR/run"
    chmod 700 "$SWIFT_DIR"
    [ -f "$SWIFT_DIR/swift.conf" ] && return 0
    (umask 077
     printf '[swift-hash]\nswift_hash_path_suffix = %s\n' \
         "$(python3 -c 'import secrets; print(secrets.token_hex(16))')" \
         > "$SWIFT_DIR/swift.conf.new"
     for server in object container account; do
         swift_server_conf "$server" > "$SWIFT_DIR/$server-server.conf"
     done
     swift_proxy_conf > "$SWIFT_DIR/proxy-server.conf"
     mv "$SWIFT_DIR/swift.conf.new" "$SWIFT_DIR/swift.conf")
}

# One ring per server kind: 2^8 partitions, one replica, our one device.
swift_rings() {
    local ring port
    [ -f "$SWIFT_DIR/object.ring.gz" ] && return 0
    for ring in object container account; do
        port=$(swift_port "$ring")
        rm -f "$SWIFT_DIR/$ring.builder"
        "$SWIFT_VENV/bin/swift-ring-builder" "$SWIFT_DIR/$ring.builder" \
            create 8 1 1 >/dev/null || return 1
        "$SWIFT_VENV/bin/swift-ring-builder" "$SWIFT_DIR/$ring.builder" \
            add "r1z1-127.0.0.1:$port/$SWIFT_DEVICE" 100 >/dev/null || return 1
        "$SWIFT_VENV/bin/swift-ring-builder" "$SWIFT_DIR/$ring.builder" \
            rebalance >/dev/null || return 1
    done
}

swift_pid() {
    pid_from_file "$STATE_DIR/run/swift-$1.pid" "swift-$1-server"
}

swift_serve() {
    local server=$1 port
    swift_pid "$server" >/dev/null && return 0
    port=$(swift_port "$server")
    if ss -ltn "sport = :$port" | grep -q LISTEN; then
        log "port $port is taken by another program; set TROVE_SWIFT_PORT"
        return 1
    fi
    # --verbose: the servers log to stderr (the log file) as well as to
    # syslog, which this host may not run.
    setsid "$SWIFT_VENV/bin/swift-$server-server" \
        "$SWIFT_DIR/$server-server.conf" --verbose \
        >> "$SWIFT_DIR/log/$server-server.log" 2>&1 < /dev/null &
    echo $! > "$STATE_DIR/run/swift-$server.pid"
}

swift_wait() {
    local server port
    for server in $SWIFT_SERVERS; do
        port=$(swift_port "$server")
        for _ in $(seq 300); do
            ss -ltn "sport = :$port" | grep -q LISTEN && break
            swift_pid "$server" >/dev/null || break
            sleep 0.1
        done
        ss -ltn "sport = :$port" | grep -q LISTEN && continue
        log "swift-$server-server did not listen on $port; see $SWIFT_DIR/log"
        return 1
    done
    curl -sf -m 5 "http://127.0.0.1:$SWIFT_PORT/healthcheck" >/dev/null
}

# Everything: install, device, rings, Keystone's accounts and catalog
# entry (Keystone must run), the four servers.
swift_start() {
    local server
    swift_install || { log "Swift install failed"; return 1; }
    swift_configure
    swift_device || { log "no device with user xattrs for Swift"; return 1; }
    swift_rings || { log "swift-ring-builder failed"; return 1; }
    "$VENV/bin/python" "$SWIFT_ACCOUNTS" swift "$STATE_DIR" "$KEYSTONE_URL" \
        "$SWIFT_URL" || { log "creating Swift's Keystone accounts failed"; return 1; }
    for server in $SWIFT_SERVERS; do
        swift_serve "$server" || return 1
    done
    swift_wait || return 1
    log "started Swift on http://127.0.0.1:$SWIFT_PORT"
}

# trove.conf's [backup] options for the swift driver: backups go to the
# container database_backups of the trove-backups project's account.
swift_trove_config() {
    cat <<CONF
storage_driver = swift
swift_container = database_backups
swift_auth_url = $KEYSTONE_URL
swift_user = trove-backup
swift_key = $(keystone_password trove-backup)
swift_project = trove-backups
swift_segment_size = ${TROVE_SWIFT_SEGMENT_SIZE:-1073741824}
CONF
}

swift_stop() {
    local server pid stopped=""
    for server in $SWIFT_SERVERS; do
        pid=$(swift_pid "$server") || { rm -f "$STATE_DIR/run/swift-$server.pid"; continue; }
        kill "$pid" 2>/dev/null
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null
        rm -f "$STATE_DIR/run/swift-$server.pid"
        stopped=1
    done
    if mountpoint -q "$SWIFT_DEVICES/$SWIFT_DEVICE" 2>/dev/null; then
        umount "$SWIFT_DEVICES/$SWIFT_DEVICE"
    fi
    [ -n "$stopped" ] && log "stopped Swift"
    return 0
}

swift_status() {
    local server pid
    for server in $SWIFT_SERVERS; do
        if pid=$(swift_pid "$server"); then
            echo "swift-$server-server: running (pid $pid)"
        elif [ -f "$SWIFT_DIR/swift.conf" ]; then
            echo "swift-$server-server: stopped"
        fi
    done
}
