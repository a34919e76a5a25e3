# shellcheck shell=bash
# The control DB: SQLite by default, or (TROVE_DATABASE=mariadb or
# postgresql) a private server of the control plane's own, never the
# system's: its own data directory under $STATE_DIR/controldb, its own
# port on 127.0.0.1 ($TROVE_DATABASE_PORT, default the API port + 1000),
# started and stopped by its pid. It runs as the engine's system user
# (mysql, postgres); instances run as users of their own and cannot read
# its 0700 directories. The password of its `trove` account is generated
# once and kept in $STATE_DIR/controldb/password (0600), and in trove.conf.

CONTROLDB_NAME=trove
CONTROLDB_USER=trove

controldb_env() {
    CONTROLDB_DIR="$STATE_DIR/controldb"
    CONTROLDB_PORT=${TROVE_DATABASE_PORT:-$((API_PORT + 1000))}
    CONTROLDB_DATA="$CONTROLDB_DIR/data"
    CONTROLDB_RUN="$CONTROLDB_DIR/run"
    CONTROLDB_LOG="$CONTROLDB_RUN/server.log"
    # A deployment keeps the backend it was made with.
    if [ -s "$CONTROLDB_DIR/backend" ]; then
        CONTROLDB_BACKEND=$(cat "$CONTROLDB_DIR/backend")
    elif [ -f "$CONFIG_FILE" ]; then
        CONTROLDB_BACKEND=sqlite
    else
        CONTROLDB_BACKEND=${TROVE_DATABASE:-sqlite}
    fi
    case "$CONTROLDB_BACKEND" in
        sqlite) return 0 ;;
        mariadb) CONTROLDB_OWNER=mysql ;;
        postgresql) CONTROLDB_OWNER=postgres ;;
        *) log "TROVE_DATABASE=$CONTROLDB_BACKEND: use sqlite, mariadb or postgresql"
           return 1 ;;
    esac
    if [ -s "$CONTROLDB_DIR/port" ]; then
        CONTROLDB_PORT=$(cat "$CONTROLDB_DIR/port")
    fi
    CONTROLDB_PASSWORD=$(cat "$CONTROLDB_DIR/password" 2>/dev/null)
    # Root's record of the server's pid (the server's own files are its).
    CONTROLDB_PIDFILE="$CONTROLDB_DIR/server.pid"
}

# Its directory, settings and password, made once.
controldb_prepare() {
    # The server's user must get through to its own directories.
    chmod 711 "$STATE_DIR"
    (umask 077; mkdir -p "$CONTROLDB_DIR")
    chmod 711 "$CONTROLDB_DIR"
    echo "$CONTROLDB_BACKEND" > "$CONTROLDB_DIR/backend"
    echo "$CONTROLDB_PORT" > "$CONTROLDB_DIR/port"
    if [ ! -s "$CONTROLDB_DIR/password" ]; then
        (umask 077; python3 -c 'import secrets; print(secrets.token_hex(24))' \
            > "$CONTROLDB_DIR/password")
    fi
    CONTROLDB_PASSWORD=$(cat "$CONTROLDB_DIR/password")
}

# The check of TROVE_DATABASE against what an existing deployment uses.
controldb_check() {
    controldb_env || return 1
    local wanted=${TROVE_DATABASE:-$CONTROLDB_BACKEND}
    if [ "$wanted" != "$CONTROLDB_BACKEND" ]; then
        log "$STATE_DIR keeps its control DB on $CONTROLDB_BACKEND; use another TROVE_STATE_DIR for $wanted"
        return 1
    fi
    [ "$CONTROLDB_BACKEND" = sqlite ] || controldb_prepare
}

# [database] connection for trove.conf.
controldb_url() {
    case "$CONTROLDB_BACKEND" in
        sqlite) echo "sqlite:///$STATE_DIR/trove.sqlite" ;;
        mariadb) echo "mysql+pymysql://$CONTROLDB_USER:$CONTROLDB_PASSWORD@127.0.0.1:$CONTROLDB_PORT/$CONTROLDB_NAME?charset=utf8mb4" ;;
        postgresql) echo "postgresql+psycopg2://$CONTROLDB_USER:$CONTROLDB_PASSWORD@127.0.0.1:$CONTROLDB_PORT/$CONTROLDB_NAME" ;;
    esac
}

controldb_pid() {
    [ "$CONTROLDB_BACKEND" = sqlite ] && return 1
    [ -s "$CONTROLDB_PIDFILE" ] || return 1
    local pid
    pid=$(head -1 "$CONTROLDB_PIDFILE")
    kill -0 "$pid" 2>/dev/null && echo "$pid"
}

controldb_dirs() {
    mkdir -p "$CONTROLDB_DATA" "$CONTROLDB_RUN"
    chown "$CONTROLDB_OWNER:" "$CONTROLDB_DATA" "$CONTROLDB_RUN"
    chmod 700 "$CONTROLDB_DATA" "$CONTROLDB_RUN"
}

postgres_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

as_owner() { runuser -u "$CONTROLDB_OWNER" -- "$@"; }

# SQL on stdin (never on a command line: ps shows those), as the server's
# administrator over its unix socket.
controldb_admin_sql() {
    case "$CONTROLDB_BACKEND" in
        mariadb) mariadb --no-defaults --socket="$CONTROLDB_RUN/mariadbd.sock" -u root ;;
        postgresql) as_owner "$(postgres_bin)/psql" -q -v ON_ERROR_STOP=1 \
            -h "$CONTROLDB_RUN" -p "$CONTROLDB_PORT" -U postgres -d postgres ;;
    esac
}

controldb_ready() {
    case "$CONTROLDB_BACKEND" in
        mariadb) echo 'SELECT 1;' | controldb_admin_sql >/dev/null 2>&1 ;;
        postgresql) "$(postgres_bin)/pg_isready" -q -h "$CONTROLDB_RUN" -p "$CONTROLDB_PORT" ;;
    esac
}

controldb_launch() {
    case "$CONTROLDB_BACKEND" in
        mariadb)
            if [ ! -d "$CONTROLDB_DATA/mysql" ]; then
                mariadb-install-db --no-defaults --user=mysql --datadir="$CONTROLDB_DATA" \
                    --skip-test-db --auth-root-authentication-method=socket \
                    > "$CONTROLDB_RUN/install.log" 2>&1 || {
                    log "mariadb-install-db failed; see $CONTROLDB_RUN/install.log"; return 1; }
            fi
            setsid mariadbd --no-defaults --user=mysql --datadir="$CONTROLDB_DATA" \
                --socket="$CONTROLDB_RUN/mariadbd.sock" --pid-file="$CONTROLDB_RUN/mariadbd.pid" \
                --log-error="$CONTROLDB_LOG" --bind-address=127.0.0.1 \
                --port="$CONTROLDB_PORT" --skip-name-resolve --skip-log-bin \
                --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
                --innodb-buffer-pool-size=128M --max-connections=500 \
                >/dev/null 2>&1 < /dev/null &
            echo $! > "$CONTROLDB_PIDFILE" ;;
        postgresql)
            local bin
            bin=$(postgres_bin)
            [ -n "$bin" ] || { log "PostgreSQL not found in /usr/lib/postgresql"; return 1; }
            if [ ! -f "$CONTROLDB_DATA/PG_VERSION" ]; then
                as_owner "$bin/initdb" -D "$CONTROLDB_DATA" -U postgres -E UTF8 \
                    --locale=C --auth-local=trust --auth-host=scram-sha-256 \
                    > "$CONTROLDB_RUN/install.log" 2>&1 || {
                    log "initdb failed; see $CONTROLDB_RUN/install.log"; return 1; }
            fi
            # Through setpriv, which execs: $! is the postmaster.
            setsid setpriv --reuid=postgres --regid=postgres --clear-groups \
                "$bin/postgres" -D "$CONTROLDB_DATA" -k "$CONTROLDB_RUN" \
                -h 127.0.0.1 -p "$CONTROLDB_PORT" -c max_connections=500 \
                -c shared_buffers=128MB >> "$CONTROLDB_LOG" 2>&1 < /dev/null &
            echo $! > "$CONTROLDB_PIDFILE" ;;
    esac
}

# The database and its account, idempotently.
controldb_account() {
    case "$CONTROLDB_BACKEND" in
        mariadb) controldb_admin_sql <<SQL
CREATE DATABASE IF NOT EXISTS $CONTROLDB_NAME CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '$CONTROLDB_USER'@'127.0.0.1' IDENTIFIED BY '$CONTROLDB_PASSWORD';
GRANT ALL PRIVILEGES ON $CONTROLDB_NAME.* TO '$CONTROLDB_USER'@'127.0.0.1';
SQL
        ;;
        postgresql) controldb_admin_sql <<SQL
SELECT 'CREATE ROLE $CONTROLDB_USER LOGIN PASSWORD ''$CONTROLDB_PASSWORD'''
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$CONTROLDB_USER') \gexec
SELECT 'CREATE DATABASE $CONTROLDB_NAME OWNER $CONTROLDB_USER'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$CONTROLDB_NAME') \gexec
SQL
        ;;
    esac
}

controldb_start() {
    controldb_check || return 1
    [ "$CONTROLDB_BACKEND" = sqlite ] && return 0
    controldb_dirs
    if ! controldb_pid >/dev/null; then
        if ss -ltn "sport = :$CONTROLDB_PORT" | grep -q LISTEN; then
            log "port $CONTROLDB_PORT is taken by another program; set TROVE_DATABASE_PORT"
            return 1
        fi
        log "starting the control DB ($CONTROLDB_BACKEND) on 127.0.0.1:$CONTROLDB_PORT"
        controldb_launch || return 1
    fi
    local pid
    pid=$(head -1 "$CONTROLDB_PIDFILE")
    for _ in $(seq 600); do
        controldb_ready && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    controldb_ready || { log "the control DB did not start; see $CONTROLDB_LOG"; return 1; }
    controldb_account >/dev/null || { log "could not create the control DB's account"; return 1; }
}

controldb_stop() {
    controldb_env || return 1
    local pid
    pid=$(controldb_pid) || return 0
    # SIGTERM: MariaDB's clean shutdown; SIGINT: PostgreSQL's fast one.
    if [ "$CONTROLDB_BACKEND" = postgresql ]; then kill -INT "$pid"; else kill "$pid"; fi
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    rm -f "$CONTROLDB_PIDFILE"
}

controldb_status() {
    controldb_env 2>/dev/null || return 0
    [ "$CONTROLDB_BACKEND" = sqlite ] && { echo "control DB: sqlite"; return 0; }
    local pid
    if pid=$(controldb_pid); then
        echo "control DB: $CONTROLDB_BACKEND on 127.0.0.1:$CONTROLDB_PORT, running (pid $pid)"
    else
        echo "control DB: $CONTROLDB_BACKEND on 127.0.0.1:$CONTROLDB_PORT, stopped"
    fi
}
