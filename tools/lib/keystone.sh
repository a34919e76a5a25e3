# shellcheck shell=bash
# A private Keystone for TROVE_AUTH=keystone: installed from PyPI into its
# own virtualenv (pinned by tools/keystone-constraints.txt), served by
# gunicorn on 127.0.0.1:$KEYSTONE_PORT with fernet tokens and a SQLite DB
# under $STATE_DIR/keystone. Idempotent; stopped by its pid.

KEYSTONE_PORT=${TROVE_KEYSTONE_PORT:-5000}
KEYSTONE_VENV="$REPO/.venv-keystone"
KEYSTONE_DIR="$STATE_DIR/keystone"
KEYSTONE_URL="http://127.0.0.1:$KEYSTONE_PORT/v3"
KEYSTONE_PIDFILE="$STATE_DIR/run/keystone.pid"
KEYSTONE_ACCOUNTS="$REPO/tools/keystone_accounts.py"

keystone_install() {
    install_pinned_venv Keystone "$KEYSTONE_VENV" "$REPO/tools/keystone-constraints.txt" \
        keystone gunicorn
}

keystone_manage() {
    "$KEYSTONE_VENV/bin/keystone-manage" --config-file "$KEYSTONE_DIR/keystone.conf" "$@"
}

keystone_password() {
    "$VENV/bin/python" "$KEYSTONE_ACCOUNTS" password "$STATE_DIR" "$1"
}

keystone_configure() {
    mkdir -p "$KEYSTONE_DIR/log" "$STATE_DIR/run"
    chmod 700 "$KEYSTONE_DIR"
    [ -f "$KEYSTONE_DIR/keystone.conf" ] && return 0
    (umask 077; cat > "$KEYSTONE_DIR/keystone.conf" <<CONF
[DEFAULT]
log_file = $KEYSTONE_DIR/log/keystone.log

[database]
connection = sqlite:///$KEYSTONE_DIR/keystone.db

[token]
provider = fernet

[fernet_tokens]
key_repository = $KEYSTONE_DIR/fernet-keys

[fernet_receipts]
key_repository = $KEYSTONE_DIR/fernet-keys

[credential]
key_repository = $KEYSTONE_DIR/credential-keys
CONF
    )
}

# db_sync, key repositories and bootstrap: once per state directory (each
# keystone-manage run costs seconds of imports; all are idempotent anyway).
keystone_bootstrap() {
    local me group
    [ -f "$KEYSTONE_DIR/bootstrapped" ] && return 0
    me=$(id -un); group=$(id -gn)
    keystone_manage db_sync || return 1
    keystone_manage fernet_setup --keystone-user "$me" --keystone-group "$group" || return 1
    keystone_manage credential_setup --keystone-user "$me" --keystone-group "$group" || return 1
    keystone_manage bootstrap --bootstrap-password "$(keystone_password admin)" \
        --bootstrap-username admin --bootstrap-project-name admin \
        --bootstrap-role-name admin --bootstrap-service-name keystone \
        --bootstrap-region-id RegionOne \
        --bootstrap-public-url "$KEYSTONE_URL/" \
        --bootstrap-internal-url "$KEYSTONE_URL/" || return 1
    touch "$KEYSTONE_DIR/bootstrapped"
}

keystone_pid() {
    pid_from_file "$KEYSTONE_PIDFILE" keystone
}

keystone_wait() {
    for _ in $(seq 300); do
        curl -sf -m 2 "$KEYSTONE_URL" >/dev/null 2>&1 && return 0
        keystone_pid >/dev/null || break
        sleep 0.1
    done
    log "Keystone did not answer on $KEYSTONE_URL; see $KEYSTONE_DIR/log"
    return 1
}

keystone_serve() {
    keystone_pid >/dev/null && return 0
    if ss -ltn "sport = :$KEYSTONE_PORT" | grep -q LISTEN; then
        log "port $KEYSTONE_PORT is taken by another program; set TROVE_KEYSTONE_PORT"
        return 1
    fi
    OS_KEYSTONE_CONFIG_FILES="$KEYSTONE_DIR/keystone.conf" setsid \
        "$KEYSTONE_VENV/bin/gunicorn" --bind "127.0.0.1:$KEYSTONE_PORT" \
        --workers 2 --name keystone --timeout 60 --no-control-socket \
        --pythonpath "$REPO/tools/lib" keystone_wsgi:application \
        >> "$KEYSTONE_DIR/log/gunicorn.log" 2>&1 < /dev/null &
    echo $! > "$KEYSTONE_PIDFILE"
    log "started Keystone on $KEYSTONE_URL (pid $!)"
    keystone_wait
}

# Everything: install, bootstrap, serve, Trove's accounts and clouds.yaml.
keystone_start() {
    keystone_install || { log "Keystone install failed"; return 1; }
    keystone_configure
    keystone_bootstrap > "$KEYSTONE_DIR/log/bootstrap.log" 2>&1 \
        || { log "keystone-manage failed; see $KEYSTONE_DIR/log/bootstrap.log"; return 1; }
    keystone_serve || return 1
    "$VENV/bin/python" "$KEYSTONE_ACCOUNTS" accounts "$STATE_DIR" "$KEYSTONE_URL" \
        "http://127.0.0.1:$API_PORT/v1.0/%(tenant_id)s" \
        || { log "creating Trove's Keystone accounts failed"; return 1; }
}

# trove.conf's part for keystonemiddleware (appended once, by write_config).
keystone_trove_config() {
    cat <<CONF

[keystone_authtoken]
www_authenticate_uri = $KEYSTONE_URL
auth_url = $KEYSTONE_URL
auth_type = password
username = trove
password = $(keystone_password trove)
user_domain_name = Default
project_name = service
project_domain_name = Default
region_name = RegionOne
CONF
}

keystone_stop() {
    local pid
    pid=$(keystone_pid) || { rm -f "$KEYSTONE_PIDFILE"; return 0; }
    kill "$pid" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    rm -f "$KEYSTONE_PIDFILE"
    log "stopped Keystone"
}
