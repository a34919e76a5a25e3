# shellcheck shell=bash
# Starts and stops the trove processes by pid file. A pid only counts as ours
# while its command line still names the service, because pids get reused.
# A second process of a service is called e.g. trove-taskmanager.2: its own
# pid file and log, the same program.

# The processes to run: TROVE_CONDUCTORS and TROVE_TASKMANAGERS (1 each by
# default) of those, then trove-api.
service_names() {
    local service count n
    for service in trove-conductor trove-taskmanager; do
        count=${TROVE_CONDUCTORS:-1}
        [ "$service" = trove-taskmanager ] && count=${TROVE_TASKMANAGERS:-1}
        echo "$service"
        for n in $(seq 2 "$count"); do echo "$service.$n"; done
    done
    echo trove-api
}

# Every process a pid file in the state dir names, whatever this run's
# counts are: stop and status must see what an earlier start started.
service_names_started() {
    local pidfile
    for pidfile in "$STATE_DIR"/run/trove-*.pid; do
        [ -f "$pidfile" ] && basename "$pidfile" .pid
    done
}

# The pid in PIDFILE, if that process still runs a command naming PATTERN.
pid_from_file() {
    local pidfile=$1 pattern=$2 pid
    [ -f "$pidfile" ] || return 1
    pid=$(cat "$pidfile")
    { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | grep -q -- "$pattern" || return 1
    echo "$pid"
}

service_pid() {
    pid_from_file "$STATE_DIR/run/$1.pid" "${1%%.*}"
}

# A service that died may leave children (gunicorn's workers) holding its
# port: they share its process group, which setsid made its pid.
service_reap() {
    local pidfile="$STATE_DIR/run/$1.pid"
    service_pid "$1" >/dev/null && return 0
    if [ -f "$pidfile" ]; then
        kill -KILL -- "-$(cat "$pidfile")" 2>/dev/null
        rm -f "$pidfile"
    fi
}

service_start() {
    local name=$1; shift
    mkdir -p "$STATE_DIR/run" "$STATE_DIR/log"
    if service_pid "$name" >/dev/null; then
        log "$name is already running"
        return 0
    fi
    service_reap "$name"
    # A second process of a service logs to a file of its own.
    [ "$name" != "${name%%.*}" ] && set -- --log-file "$STATE_DIR/log/$name.log" "$@"
    setsid "$VENV/bin/${name%%.*}" --config-file "$CONFIG_FILE" "$@" \
        >> "$STATE_DIR/log/$name.out" 2>&1 < /dev/null &
    echo $! > "$STATE_DIR/run/$name.pid"
    log "started $name (pid $!)"
}

service_stop() {
    local name=$1 pid
    pid=$(service_pid "$name") || { rm -f "$STATE_DIR/run/$name.pid"; return 0; }
    kill "$pid" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    rm -f "$STATE_DIR/run/$name.pid"
    log "stopped $name"
}
