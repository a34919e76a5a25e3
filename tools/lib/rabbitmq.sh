# A private RabbitMQ node: its own node name, data directory, ports and epmd,
# all on 127.0.0.1, so it never touches the system's node.

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
    echo '[].' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
    printf 'listeners.tcp.default = 127.0.0.1:%s\nloopback_users = none\n' \
        "$RABBIT_PORT" > "$dir/rabbitmq.conf"
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
