# shellcheck shell=bash
# A private RabbitMQ node: its own node name, data directory, ports and epmd,
# all on 127.0.0.1, so it never touches the system's node.
#
# No `guest` account: the node's first user is the control plane's own,
# with a generated password kept in $STATE_DIR/rabbitmq/control_password
# (0600). Guests connect to the vhost $RABBIT_GUEST_VHOST only, each with
# an account the taskmanager makes through the management API, which
# listens on 127.0.0.1:$RABBIT_MANAGEMENT_PORT.

rabbit_env() {
    local dir="$STATE_DIR/rabbitmq"
    mkdir -p "$dir/mnesia" "$dir/log" "$dir/home"
    export HOME_FOR_RABBIT="$dir/home"
    export RABBITMQ_NODENAME="trove-$RABBIT_PORT@localhost"
    export RABBITMQ_MNESIA_BASE="$dir/mnesia"
    export RABBITMQ_LOG_BASE="$dir/log"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
    export RABBITMQ_CONFIG_FILE="$dir/rabbitmq"
    export RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
    export RABBITMQ_DIST_PORT=$((RABBIT_PORT + 10000))
    export ERL_EPMD_PORT=$((RABBIT_PORT - 1300))
    export ERL_EPMD_ADDRESS=127.0.0.1
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    export RABBIT_MANAGEMENT_PORT=$((RABBIT_PORT + 20000))
    export RABBIT_CONTROL_USER=trove-control
    export RABBIT_GUEST_VHOST=trove-guests
    if [ ! -s "$dir/control_password" ]; then
        (umask 077; python3 -c 'import secrets; print(secrets.token_hex(24))' \
            > "$dir/control_password")
    fi
    RABBIT_CONTROL_PASSWORD=$(cat "$dir/control_password")
    echo '[rabbitmq_management].' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
    (umask 077; cat > "$dir/rabbitmq.conf" <<RCONF
listeners.tcp.default = 127.0.0.1:$RABBIT_PORT
loopback_users = none
default_user = $RABBIT_CONTROL_USER
default_pass = $RABBIT_CONTROL_PASSWORD
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.write = .*
default_permissions.read = .*
management.tcp.ip = 127.0.0.1
management.tcp.port = $RABBIT_MANAGEMENT_PORT
RCONF
    )
}

rabbit_api() {
    local method=$1 path=$2; shift 2
    curl -sf -o /dev/null -u "$RABBIT_CONTROL_USER:$RABBIT_CONTROL_PASSWORD" \
        -H 'content-type: application/json' -X "$method" \
        "http://127.0.0.1:$RABBIT_MANAGEMENT_PORT/api/$path" "$@"
}

# The accounts and the guests' vhost, on a new node and on one made before
# the node had no guest account.
rabbit_accounts() {
    if ! rabbit_api GET whoami; then
        rabbit_ctl add_user "$RABBIT_CONTROL_USER" "$RABBIT_CONTROL_PASSWORD" >/dev/null &&
        rabbit_ctl set_user_tags "$RABBIT_CONTROL_USER" administrator >/dev/null &&
        rabbit_ctl set_permissions -p / "$RABBIT_CONTROL_USER" '.*' '.*' '.*' >/dev/null ||
        { log "could not create the control plane's RabbitMQ account"; return 1; }
    fi
    rabbit_api PUT "vhosts/$RABBIT_GUEST_VHOST" &&
    rabbit_api PUT "permissions/$RABBIT_GUEST_VHOST/$RABBIT_CONTROL_USER" \
        -d '{"configure": ".*", "write": ".*", "read": ".*"}' ||
        { log "could not set up RabbitMQ vhost $RABBIT_GUEST_VHOST"; return 1; }
    if rabbit_api GET users/guest; then
        rabbit_api DELETE users/guest || { log "could not delete RabbitMQ's guest account"; return 1; }
    fi
}

# The management API answers a moment after the node says it is up.
rabbit_wait_api() {
    for _ in $(seq 200); do
        curl -s -o /dev/null "http://127.0.0.1:$RABBIT_MANAGEMENT_PORT/api/overview" && return 0
        sleep 0.05
    done
    log "RabbitMQ's management API did not answer on 127.0.0.1:$RABBIT_MANAGEMENT_PORT"
    return 1
}

rabbit_ctl() { HOME="$HOME_FOR_RABBIT" /usr/lib/rabbitmq/bin/rabbitmqctl "$@"; }

rabbit_running() {
    [ -f "$RABBITMQ_PID_FILE" ] && kill -0 "$(cat "$RABBITMQ_PID_FILE")" 2>/dev/null
}

rabbit_start() {
    rabbit_env
    if rabbit_running; then
        return 0
    fi
    if ss -ltn "sport = :$RABBIT_PORT" | grep -q LISTEN; then
        log "port $RABBIT_PORT is taken by another program; set TROVE_RABBIT_PORT"
        return 1
    fi
    if ss -ltn "sport = :$RABBIT_MANAGEMENT_PORT" | grep -q LISTEN; then
        log "port $RABBIT_MANAGEMENT_PORT (RabbitMQ management: the AMQP port + 20000) is taken; set TROVE_RABBIT_PORT"
        return 1
    fi
    log "starting RabbitMQ node $RABBITMQ_NODENAME on 127.0.0.1:$RABBIT_PORT"
    # epmd first, under our control, so that we can stop it by its pid.
    if ! ss -ltn "sport = :$ERL_EPMD_PORT" | grep -q LISTEN; then
        setsid epmd -port "$ERL_EPMD_PORT" -address 127.0.0.1 \
            >/dev/null 2>&1 < /dev/null &
        echo $! > "$STATE_DIR/rabbitmq/epmd.pid"
    fi
    HOME="$HOME_FOR_RABBIT" setsid /usr/lib/rabbitmq/bin/rabbitmq-server \
        > "$RABBITMQ_LOG_BASE/startup.log" 2>&1 < /dev/null &
    rabbit_ctl wait --timeout 90 "$RABBITMQ_PID_FILE" >/dev/null 2>&1 || {
        log "RabbitMQ did not start; see $RABBITMQ_LOG_BASE"; return 1; }
    rabbit_wait_api && rabbit_accounts
}

rabbit_stop() {
    rabbit_env
    if rabbit_running; then
        local pid
        pid=$(cat "$RABBITMQ_PID_FILE")
        rabbit_ctl stop >/dev/null 2>&1 || kill "$pid" 2>/dev/null
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null
    fi
    rm -f "$RABBITMQ_PID_FILE"
    local epmd_pid_file="$STATE_DIR/rabbitmq/epmd.pid"
    if [ -f "$epmd_pid_file" ]; then
        kill "$(cat "$epmd_pid_file")" 2>/dev/null
        rm -f "$epmd_pid_file"
    fi
}
