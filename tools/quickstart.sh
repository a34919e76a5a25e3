#!/usr/bin/env bash
# Starts the whole service on this host (installing what is missing), or
# stops it:   ./tools/quickstart.sh [start|stop|status]
#
# Settings (environment): TROVE_STATE_DIR (default ./state), TROVE_API_PORT
# (8779), TROVE_RABBIT_PORT (5679), TROVE_ADDRESS_POOL (127.77.0.0/16),
# TROVE_BUILD_TIMEOUT (120 s), TROVE_INSTANCES_DIR (/var/lib/trove/instances:
# engines run as their own users, who must be able to reach it),
# TROVE_CGROUP_PREFIX (trove), TROVE_BACKUP_TIMEOUT (1800 s),
# TROVE_BACKUP_SCHEDULE_INTERVAL (10 s between backup schedule passes),
# TROVE_TASKMANAGERS and TROVE_CONDUCTORS (1 each: how many of those
# processes share the bus and the control DB), TROVE_AUTH (noauth;
# keystone: also a private Keystone on 127.0.0.1:$TROVE_KEYSTONE_PORT,
# default 5000, and $TROVE_STATE_DIR/clouds.yaml), TROVE_DATABASE (sqlite;
# mariadb or postgresql: the control DB on a private server of that engine
# on 127.0.0.1:$TROVE_DATABASE_PORT, default the API port + 1000),
# TROVE_BACKUP_STORAGE (local: $TROVE_STATE_DIR/backups; swift, which needs
# TROVE_AUTH=keystone: also a private Swift, its proxy on 127.0.0.1:
# $TROVE_SWIFT_PORT, default 8080, and its servers on the next three ports;
# backups go to container database_backups of project trove-backups, in
# segments of $TROVE_SWIFT_SEGMENT_SIZE bytes, default 1 GiB),
# TROVE_GUESTAGENT_COMMAND (how the local driver starts a guest agent, e.g.
# "tools/run-image-agent.sh ROOT" for a guest image's own),
# TROVE_COMPUTE (local; nova: also the test cloud, real Glance, Placement
# and Nova with the project's virt driver and network stand-in, see
# tools/lib/cloud.sh for TROVE_CLOUD_PORT_BASE and TROVE_CLOUD_MGMT_CIDR;
# implies TROVE_AUTH=keystone and, unless TROVE_BACKUP_STORAGE says
# otherwise, swift: a cloud's guests cannot reach the host's directory).
# Several
# deployments can run side by side with different values (the functional
# tests do).
set -u
REPO=$(cd "$(dirname "$0")/.." && pwd)
STATE_DIR=$(mkdir -p "${TROVE_STATE_DIR:-$REPO/state}" && cd "${TROVE_STATE_DIR:-$REPO/state}" && pwd)
API_PORT=${TROVE_API_PORT:-8779}
RABBIT_PORT=${TROVE_RABBIT_PORT:-5679}
ADDRESS_POOL=${TROVE_ADDRESS_POOL:-127.77.0.0/16}
BUILD_TIMEOUT=${TROVE_BUILD_TIMEOUT:-120}
INSTANCES_DIR=${TROVE_INSTANCES_DIR:-/var/lib/trove/instances}
CGROUP_PREFIX=${TROVE_CGROUP_PREFIX:-trove}
CONFIG_FILE="$STATE_DIR/trove.conf"
AUTH=${TROVE_AUTH:-noauth}
COMPUTE=${TROVE_COMPUTE:-local}
if [ "$COMPUTE" = nova ]; then
    AUTH=keystone
    BACKUP_STORAGE=${TROVE_BACKUP_STORAGE:-swift}
else
    BACKUP_STORAGE=${TROVE_BACKUP_STORAGE:-local}
fi

. "$REPO/tools/lib/install.sh"
. "$REPO/tools/lib/rabbitmq.sh"
. "$REPO/tools/lib/services.sh"
. "$REPO/tools/lib/keystone.sh"
. "$REPO/tools/lib/controldb.sh"
. "$REPO/tools/lib/swift.sh"
. "$REPO/tools/lib/cloud.sh"
. "$REPO/tools/lib/nova_driver.sh"

# A trove.conf written when the broker still had its guest account: give
# it the control plane's account and the guests' vhost.
upgrade_config() {
    grep -q '^transport_url = rabbit://guest:guest@' "$CONFIG_FILE" || return 0
    rabbit_env
    sed -i "s|^transport_url = rabbit://guest:guest@.*|transport_url = rabbit://$RABBIT_CONTROL_USER:$RABBIT_CONTROL_PASSWORD@127.0.0.1:$RABBIT_PORT/|" "$CONFIG_FILE"
    printf '\n[guest_bus]\ntransport_url = rabbit://%s:%s@127.0.0.1:%s/%s\nmanagement_url = http://127.0.0.1:%s/\n' \
        "$RABBIT_CONTROL_USER" "$RABBIT_CONTROL_PASSWORD" "$RABBIT_PORT" \
        "$RABBIT_GUEST_VHOST" "$RABBIT_MANAGEMENT_PORT" >> "$CONFIG_FILE"
    log "$CONFIG_FILE: the bus now uses accounts of its own"
}

write_config() {
    [ -f "$CONFIG_FILE" ] && { upgrade_config; return 0; }
    rabbit_env  # the broker's accounts, named in transport_url
    local master_key admin_token backup_key
    master_key=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
    backup_key=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
    admin_token=$(python3 -c 'import secrets; print(secrets.token_urlsafe(16))')
    (umask 077; cat > "$CONFIG_FILE" <<CONF
[DEFAULT]
state_path = $STATE_DIR
transport_url = rabbit://$RABBIT_CONTROL_USER:$RABBIT_CONTROL_PASSWORD@127.0.0.1:$RABBIT_PORT/
inst_rpc_key_encr_key = $master_key
log_dir = $STATE_DIR/log
default_datastore = mariadb

[api]
bind_host = 127.0.0.1
bind_port = $API_PORT
noauth_admin_token = $admin_token

[guest_bus]
transport_url = rabbit://$RABBIT_CONTROL_USER:$RABBIT_CONTROL_PASSWORD@127.0.0.1:$RABBIT_PORT/$RABBIT_GUEST_VHOST
management_url = http://127.0.0.1:$RABBIT_MANAGEMENT_PORT/

[database]
connection = $(controldb_url)

[local_compute]
address_pool = $ADDRESS_POOL
instances_path = $INSTANCES_DIR
cgroup_prefix = $CGROUP_PREFIX

[taskmanager]
build_timeout = $BUILD_TIMEOUT
backup_schedule_interval = ${TROVE_BACKUP_SCHEDULE_INTERVAL:-10}

[backup]
# Backups go to $BACKUP_STORAGE storage; their data keys are wrapped by this.
encryption_key = $backup_key
backup_timeout = ${TROVE_BACKUP_TIMEOUT:-1800}
$([ "$BACKUP_STORAGE" = swift ] && swift_trove_config)
CONF
    )
    if [ "$AUTH" = keystone ]; then
        (umask 077; sed -i 's/^\[DEFAULT\]$/&\nauth_strategy = keystone/' "$CONFIG_FILE"
         keystone_trove_config >> "$CONFIG_FILE")
    fi
    if [ -n "${TROVE_GUESTAGENT_COMMAND:-}" ]; then
        (umask 077; sed -i "s|^\[local_compute\]\$|&\nguestagent_command = $TROVE_GUESTAGENT_COMMAND|" "$CONFIG_FILE")
    fi
    log "wrote $CONFIG_FILE"
}

# The control plane's files (trove.conf, the control DB, logs, pid files)
# are the service user's alone: instances run as users of their own, and
# an instance's root must not read them. Traverse-only (0711) when the
# instances live below the state directory, as they must be reached.
protect_state_dir() {
    umask 077
    local mode=700
    case "$INSTANCES_DIR/" in "$STATE_DIR"/*) mode=711 ;; esac
    mkdir -p "$STATE_DIR/log" "$STATE_DIR/run"
    chmod "$mode" "$STATE_DIR"
    chmod 700 "$STATE_DIR/log" "$STATE_DIR/run"
    find "$STATE_DIR" -maxdepth 2 -type f \( -path "$STATE_DIR/log/*" \
        -o -path "$STATE_DIR/run/*" -o -name 'trove.*' \) \
        -exec chmod go-rwx {} +
}

api_port_free() {
    service_pid trove-api >/dev/null && return 0
    for _ in $(seq 50); do
        ss -ltn "sport = :$API_PORT" | grep -q LISTEN || return 0
        sleep 0.1
    done
    log "port $API_PORT is taken by another program; set TROVE_API_PORT"
    return 1
}

admin_token() { sed -n 's/^noauth_admin_token = //p' "$CONFIG_FILE"; }

wait_for_api() {
    for _ in $(seq 300); do
        curl -sf "http://127.0.0.1:$API_PORT/" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    log "trove-api did not answer; see $STATE_DIR/log"
    return 1
}

# Settings that must agree with each other and with an existing trove.conf.
check_settings() {
    case $BACKUP_STORAGE in
        local|swift) ;;
        *) log "TROVE_BACKUP_STORAGE is local or swift, not $BACKUP_STORAGE"; return 1 ;;
    esac
    if [ "$BACKUP_STORAGE" = swift ] && [ "$AUTH" != keystone ]; then
        log "TROVE_BACKUP_STORAGE=swift needs TROVE_AUTH=keystone"
        return 1
    fi
    [ -f "$CONFIG_FILE" ] || return 0
    if [ "$AUTH" = keystone ] && ! grep -q '^auth_strategy = keystone' "$CONFIG_FILE"; then
        log "$CONFIG_FILE was written without Keystone; use another TROVE_STATE_DIR"
        return 1
    fi
    if [ "$BACKUP_STORAGE" = swift ] && ! grep -q '^storage_driver = swift' "$CONFIG_FILE"; then
        log "$CONFIG_FILE was written without Swift; use another TROVE_STATE_DIR"
        return 1
    fi
}

start() {
    check_settings || exit 1
    install_apt_packages || { log "apt install failed"; exit 1; }
    install_venv || { log "virtualenv install failed"; exit 1; }
    protect_state_dir
    controldb_check || exit 1
    write_config
    rabbit_start || exit 1
    controldb_start || exit 1
    if grep -q '^auth_strategy = keystone' "$CONFIG_FILE"; then
        AUTH=keystone
        keystone_start || exit 1
    fi
    if grep -q '^storage_driver = swift' "$CONFIG_FILE"; then
        swift_start || exit 1
    fi
    "$VENV/bin/trove-manage" --config-file "$CONFIG_FILE" db_sync >/dev/null || exit 1
    if [ "$COMPUTE" = nova ]; then
        cloud_start >&2 || exit 1
        nova_driver_configure
        # Each version boots the newest image tagged trove and its datastore.
        "$VENV/bin/trove-manage" --config-file "$CONFIG_FILE" register_local \
            --image-tags trove >&2 || exit 1
    else
        "$VENV/bin/trove-manage" --config-file "$CONFIG_FILE" register_local >&2 || exit 1
    fi
    for service in $(service_names); do
        if [ "$service" = trove-api ]; then
            service_reap trove-api
            api_port_free || exit 1
        fi
        service_start "$service"
    done
    wait_for_api || exit 1
    if [ "$AUTH" = keystone ]; then
        cat <<VARS
# Trove is running behind Keystone ($KEYSTONE_URL). Paste these to use the
# openstack CLI as demo's member (other clouds: trove-reader, trove-alt,
# trove-admin):
export OS_CLIENT_CONFIG_FILE=$STATE_DIR/clouds.yaml OS_CLOUD=trove
VARS
        return 0
    fi
    cat <<VARS
# Trove is running. Paste these to use the openstack CLI as project "demo":
export OS_AUTH_TYPE=admin_token
export OS_ENDPOINT=http://127.0.0.1:$API_PORT/v1.0/demo
export OS_TOKEN=demo
# (an admin's token: $(admin_token))
VARS
}

stop() {
    service_stop trove-api
    for service in $(service_names_started); do
        service_stop "$service"
    done
    if [ -f "$CONFIG_FILE" ] && [ -x "$VENV/bin/trove-manage" ]; then
        "$VENV/bin/trove-manage" --config-file "$CONFIG_FILE" stop_instances >&2
    fi
    cloud_stop
    rabbit_stop
    swift_stop
    keystone_stop
    controldb_stop
    log "stopped"
}

status() {
    for service in $( (service_names; service_names_started) | sort -u); do
        if pid=$(service_pid "$service"); then echo "$service: running (pid $pid)"
        else echo "$service: stopped"; fi
    done
    if pid=$(keystone_pid); then echo "keystone: running (pid $pid)"; fi
    swift_status
    cloud_status
    controldb_status
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
esac
