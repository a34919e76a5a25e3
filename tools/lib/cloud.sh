# shellcheck shell=bash
# The test cloud (TROVE_COMPUTE=nova): real Glance, Placement and Nova from
# PyPI, each in its own virtualenv pinned by tools/cloud-constraints-*.txt,
# on 127.0.0.1 with one worker each, beside the private Keystone; and the
# project's network stand-in (trove/tests/cloud/network_standin) in Trove's
# virtualenv. nova-compute runs the project's virt driver
# (trove/tests/cloud/virt_driver.py): servers are processes on this host.
# See doc/source/admin/test-cloud.rst. Idempotent; stopped by pid files.
#
# Ports: TROVE_CLOUD_PORT_BASE unset gives the services' standard ports
# (Glance 9292, Placement 8778, Nova 8774, network 9696); set, they are
# BASE, BASE+1, BASE+2, BASE+3.

CLOUD_DIR="$STATE_DIR/cloud"
if [ -n "${TROVE_CLOUD_PORT_BASE:-}" ]; then
    GLANCE_PORT=$TROVE_CLOUD_PORT_BASE
    PLACEMENT_PORT=$((TROVE_CLOUD_PORT_BASE + 1))
    NOVA_PORT=$((TROVE_CLOUD_PORT_BASE + 2))
    NETWORK_PORT=$((TROVE_CLOUD_PORT_BASE + 3))
else
    GLANCE_PORT=9292 PLACEMENT_PORT=8778 NOVA_PORT=8774 NETWORK_PORT=9696
fi
NOVA_VENV="$REPO/.venv-nova"
GLANCE_VENV="$REPO/.venv-glance"
PLACEMENT_VENV="$REPO/.venv-placement"
CLOUD_HOST=${TROVE_CLOUD_HOST:-trove-test-cloud}
CLOUD_RABBIT_VHOST=nova
CLOUD_MGMT_CIDR=${TROVE_CLOUD_MGMT_CIDR:-127.66.0.0/16}
# Nova's databases: a private MariaDB (SQLite's single writer made Nova's
# several processes fail with "database is locked"), through
# controldb.sh's functions with a state directory of its own.
CLOUD_DB_PORT=$([ -n "${TROVE_CLOUD_PORT_BASE:-}" ] && echo $((TROVE_CLOUD_PORT_BASE + 4)) || echo 13306)
CLOUD_DB_STATE="$STATE_DIR/cloud-db"
# (tools/lib/nova_compute_test_cloud.py puts it below nova.virt)
CLOUD_COMPUTE_DRIVER=${TROVE_CLOUD_VIRT_DRIVER:-trove_test_cloud.TestCloudDriver}
# Beside Trove's local instances (engines must traverse the same parents).
CLOUD_SERVERS_DIR="$(dirname "$INSTANCES_DIR")/nova-servers/instances"
CLOUD_LAUNCHER=(env PYTHONPATH="$REPO" "$VENV/bin/python" -m trove.tests.cloud.launcher
                --config-file "$CLOUD_DIR/nova/launcher.conf")

. "$REPO/tools/lib/cloud_config.sh"

# name venv package...: one virtualenv, reinstalled when its pins change.
cloud_install_venv() {
    local name=$1 venv=$2; shift 2
    install_pinned_venv "$name" "$venv" "$REPO/tools/cloud-constraints-$name.txt" "$@" gunicorn
}

cloud_install() {
    # Side by side: pip mostly waits on downloads and unpacking.
    local pids=() pid failed=0
    cloud_install_venv glance "$GLANCE_VENV" glance & pids+=($!)
    cloud_install_venv placement "$PLACEMENT_VENV" openstack-placement & pids+=($!)
    cloud_install_venv nova "$NOVA_VENV" nova PyMySQL & pids+=($!)
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    return $failed
}

# controldb.sh's functions, for the MariaDB of Nova's databases.
cloud_db() {
    # shellcheck disable=SC2034 # read by controldb.sh's functions
    (STATE_DIR=$CLOUD_DB_STATE CONFIG_FILE=/nonexistent TROVE_DATABASE=mariadb \
     TROVE_DATABASE_PORT=$CLOUD_DB_PORT CONTROLDB_NAME=nova_api CONTROLDB_USER=nova
     mkdir -p "$STATE_DIR"; chmod 711 "$STATE_DIR"
     controldb_env && "$@")
}

cloud_db_url() {  # database name
    local password
    password=$(cat "$CLOUD_DB_STATE/controldb/password")
    echo "mysql+pymysql://nova:$password@127.0.0.1:$CLOUD_DB_PORT/$1?charset=utf8mb4"
}

cloud_db_start() {
    chmod 711 "$STATE_DIR"  # the server's user reaches its directory below
    cloud_db controldb_start || return 1
    cloud_db controldb_admin_sql > /dev/null <<SQL
CREATE DATABASE IF NOT EXISTS nova_cell0 CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS nova_cell1 CHARACTER SET utf8mb4;
GRANT ALL PRIVILEGES ON nova_cell0.* TO 'nova'@'127.0.0.1';
GRANT ALL PRIVILEGES ON nova_cell1.* TO 'nova'@'127.0.0.1';
SQL
}

# Each database once per state directory; every step is idempotent anyway.
cloud_db_setup() {
    local nova=("$NOVA_VENV/bin/nova-manage" --config-file "$CLOUD_DIR/nova/nova.conf")
    [ -f "$CLOUD_DIR/db-ready" ] && return 0
    "$GLANCE_VENV/bin/glance-manage" --config-dir "$CLOUD_DIR/glance" db_sync &
    local glance=$!
    "$PLACEMENT_VENV/bin/placement-manage" --config-dir "$CLOUD_DIR/placement" db sync &
    local placement=$!
    "${nova[@]}" api_db sync &&
    "${nova[@]}" cell_v2 map_cell0 \
        --database_connection "$(cloud_db_url nova_cell0)" &&
    { "${nova[@]}" cell_v2 list_cells | grep -q ' cell1 ' ||
      "${nova[@]}" cell_v2 create_cell --name cell1; } &&
    "${nova[@]}" db sync || return 1
    wait "$glance" && wait "$placement" || return 1
    # Write-ahead logging: readers stop blocking writers, without which
    # nova's services see "database is locked" under load.
    for db in "$CLOUD_DIR"/*/*.db; do
        "$VENV/bin/python" -c 'import sqlite3, sys
sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL")' "$db" || return 1
    done
    touch "$CLOUD_DIR/db-ready"
}

cloud_pid() { pid_from_file "$STATE_DIR/run/cloud-$1.pid" "$2"; }

# name port venv app env...: a WSGI service under gunicorn, one worker.
cloud_serve_wsgi() {
    local name=$1 port=$2 venv=$3 app=$4; shift 4
    cloud_pid "$name" "cloud-$name" >/dev/null && return 0
    if ss -ltn "sport = :$port" | grep -q LISTEN; then
        log "port $port ($name) is taken by another program; set TROVE_CLOUD_PORT_BASE"
        return 1
    fi
    env "$@" setsid "$venv/bin/gunicorn" --bind "127.0.0.1:$port" --workers 1 \
        --name "cloud-$name" --timeout 120 --graceful-timeout 5 --no-control-socket \
        --pythonpath "$REPO/tools/lib" "$app" \
        >> "$CLOUD_DIR/log/$name.out" 2>&1 < /dev/null &
    echo $! > "$STATE_DIR/run/cloud-$name.pid"
    log "started $name on 127.0.0.1:$port (pid $!)"
}

# name: a nova service (conductor, scheduler, compute: the latter with the
# project's virt driver, through its wrapper).
cloud_serve_nova() {
    local name=$1 program
    cloud_pid "$name" "$(_cloud_pattern "$name")" >/dev/null && return 0
    program=("$NOVA_VENV/bin/$name")
    [ "$name" = nova-compute ] &&
        program=("$NOVA_VENV/bin/python" "$REPO/tools/lib/nova_compute_test_cloud.py")
    env PYTHONPATH="$REPO" setsid "${program[@]}" \
        --config-file "$CLOUD_DIR/nova/nova.conf" \
        --log-file "$CLOUD_DIR/nova/log/$name.log" \
        >> "$CLOUD_DIR/log/$name.out" 2>&1 < /dev/null &
    echo $! > "$STATE_DIR/run/cloud-$name.pid"
    log "started $name (pid $!)"
}

cloud_wait_http() {
    local name=$1 url=$2 deadline=$((SECONDS + 120)) code
    while [ "$SECONDS" -lt "$deadline" ]; do
        # Any answer but a server error: some ask for a token even at /.
        code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$url")
        [ "$code" != 000 ] && [ "${code#5}" = "$code" ] && return 0
        cloud_pid "$name" "cloud-$name" >/dev/null || break
        sleep 0.1
    done
    log "$name did not answer on $url; see $CLOUD_DIR/log and $CLOUD_DIR/*/log"
    return 1
}

cloud_names() {
    echo glance placement nova-api network-standin nova-conductor nova-scheduler nova-compute
}

cloud_start() {
    cloud_install || { log "installing the test cloud failed"; return 1; }
    mkdir -p "$CLOUD_DIR/log" "$STATE_DIR/run"
    for service in glance placement nova network; do
        mkdir -p "$CLOUD_DIR/$service/log"
    done
    chmod 700 "$CLOUD_DIR"
    rabbit_api PUT "vhosts/$CLOUD_RABBIT_VHOST" &&
    rabbit_api PUT "permissions/$CLOUD_RABBIT_VHOST/$RABBIT_CONTROL_USER" \
        -d '{"configure": ".*", "write": ".*", "read": ".*"}' ||
        { log "could not make RabbitMQ vhost $CLOUD_RABBIT_VHOST"; return 1; }
    "$VENV/bin/python" "$REPO/tools/cloud_accounts.py" accounts "$STATE_DIR" \
        "$KEYSTONE_URL" "$GLANCE_PORT" "$PLACEMENT_PORT" "$NOVA_PORT" "$NETWORK_PORT" \
        || { log "registering the cloud's services in Keystone failed"; return 1; }
    cloud_db_start || { log "the MariaDB of Nova's databases did not start"; return 1; }
    cloud_write_glance_config
    cloud_write_placement_config
    cloud_write_nova_config
    cloud_write_network_config
    cloud_db_setup > "$CLOUD_DIR/log/db-setup.log" 2>&1 ||
        { log "the cloud's database setup failed; see $CLOUD_DIR/log/db-setup.log"; return 1; }
    cloud_serve_wsgi glance "$GLANCE_PORT" "$GLANCE_VENV" glance.wsgi.api:application \
        OS_GLANCE_CONFIG_DIR="$CLOUD_DIR/glance" || return 1
    cloud_serve_wsgi placement "$PLACEMENT_PORT" "$PLACEMENT_VENV" placement.wsgi.api:application \
        OS_PLACEMENT_CONFIG_DIR="$CLOUD_DIR/placement" || return 1
    cloud_serve_wsgi nova-api "$NOVA_PORT" "$NOVA_VENV" nova_wsgi:application \
        OS_NOVA_CONFIG_DIR="$CLOUD_DIR/nova" "OS_NOVA_CONFIG_FILES=api-paste.ini;nova.conf" || return 1
    cloud_serve_wsgi network-standin "$NETWORK_PORT" "$VENV" \
        trove.tests.cloud.network_standin.wsgi:application PYTHONPATH="$REPO" \
        NETWORK_STANDIN_CONFIG="$CLOUD_DIR/network/standin.conf" || return 1
    local since
    since=$(date +%s)
    for service in nova-conductor nova-scheduler nova-compute; do
        cloud_serve_nova "$service"
    done
    cloud_wait_http glance "http://127.0.0.1:$GLANCE_PORT/" &&
    cloud_wait_http placement "http://127.0.0.1:$PLACEMENT_PORT/" &&
    cloud_wait_http nova-api "http://127.0.0.1:$NOVA_PORT/" &&
    cloud_wait_http network-standin "http://127.0.0.1:$NETWORK_PORT/" || return 1
    "$VENV/bin/python" "$REPO/tools/cloud_resources.py" "$STATE_DIR" "$CLOUD_MGMT_CIDR" "$since" \
        || { log "creating the cloud's flavors, network and images failed"; return 1; }
    # Map the compute host to cell1 now rather than at the scheduler's next
    # discovery: the cloud takes builds as soon as the quickstart returns.
    "$NOVA_VENV/bin/nova-manage" --config-file "$CLOUD_DIR/nova/nova.conf" \
        cell_v2 discover_hosts >> "$CLOUD_DIR/log/db-setup.log" 2>&1 ||
        { log "nova-manage cell_v2 discover_hosts failed"; return 1; }
}

cloud_stop_one() {
    local name=$1 pattern=$2 pid
    pid=$(cloud_pid "$name" "$pattern") || { rm -f "$STATE_DIR/run/cloud-$name.pid"; return 0; }
    kill "$pid" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    rm -f "$STATE_DIR/run/cloud-$name.pid"
    log "stopped $name"
}

_cloud_pattern() {
    case $1 in
        nova-api|glance|placement|network-standin) echo "cloud-$1" ;;
        nova-compute) echo nova_compute_test_cloud ;;
        *) echo "$1" ;;
    esac
}

cloud_stop() {
    [ -d "$CLOUD_DIR" ] || return 0
    # All at once: each takes seconds to shut down gracefully.
    for service in $(cloud_names); do
        cloud_stop_one "$service" "$(_cloud_pattern "$service")" &
    done
    wait
    # Like a host going down: the servers stop; nova-compute brings back
    # those Nova has running when it starts again.
    [ -f "$CLOUD_DIR/nova/launcher.conf" ] && "${CLOUD_LAUNCHER[@]}" power_off_all >/dev/null
    [ -d "$CLOUD_DB_STATE" ] && cloud_db controldb_stop
}

# Every server's processes, user, cgroup and directory (throwaway clouds).
cloud_purge() {
    [ -f "$CLOUD_DIR/nova/launcher.conf" ] && "${CLOUD_LAUNCHER[@]}" purge >/dev/null
}

cloud_status() {
    [ -d "$CLOUD_DIR" ] || return 0
    for service in $(cloud_names); do
        if pid=$(cloud_pid "$service" "$(_cloud_pattern "$service")"); then
            echo "cloud $service: running (pid $pid)"
        else
            echo "cloud $service: stopped"
        fi
    done
    [ -d "$CLOUD_DB_STATE" ] && cloud_db controldb_status | sed 's/^control DB/cloud nova DB/'

}
