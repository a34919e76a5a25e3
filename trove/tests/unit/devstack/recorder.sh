#!/usr/bin/env bash
# Runs one phase of devstack/plugin.sh the way devstack would (settings
# first, then the plugin with the phase's arguments), with devstack's own
# functions and the commands the plugin runs replaced by recorders: each
# call is a line "NAME ARG..." (tab-separated) in $RECORD. Ids that the
# openstack CLI would print are "id-of-<the created name>".
#   recorder.sh REPO RECORD ENABLED_SERVICES PHASE [SUBPHASE]
# shellcheck disable=SC2034 # devstack's globals, read by the plugin
set -u
REPO=$1 RECORD=$2 ENABLED=$3
shift 3

record() { local IFS=$'\t'; echo "$*" >> "$RECORD"; }

DEST=/opt/stack DATA_DIR=/opt/stack/data SERVICE_HOST=192.0.2.10
SERVICE_PROTOCOL=http REGION_NAME=RegionOne STACK_USER=stack
RABBIT_USERID=stackrabbit RABBIT_HOST=192.0.2.10
SERVICE_PASSWORD=secret SERVICE_PROJECT_NAME=service
KEYSTONE_SERVICE_URI=http://192.0.2.10/identity

BIN=$(mktemp -d)
trap 'rm -rf "$BIN"' EXIT
for command in trove-manage trove-api trove-taskmanager trove-conductor; do
    # shellcheck disable=SC2016 # the stub expands its own arguments
    printf '#!/bin/sh\nIFS="$(printf "\\t")"; echo "%s\t$*" >> "%s"\n' \
        "$command" "$RECORD" > "$BIN/$command"
    chmod +x "$BIN/$command"
done
TROVE_BIN_DIR=$BIN

is_service_enabled() {
    local service
    for service in "$@"; do
        case " $ENABLED " in *" $service "*) return 0 ;; esac
    done
    return 1
}
enable_service() { record enable_service "$@"; }
get_python_exec_prefix() { echo "$BIN"; }
die() { record die "$@"; exit 1; }
generate_hex_string() { echo "hex$1"; }
get_transport_url() { echo "rabbit://stackrabbit:secret@192.0.2.10:5672/${1:-}"; }
database_connection_url() { echo "mysql+pymysql://root:secret@192.0.2.10/$1"; }
for function in setup_develop pip_install create_service_user \
        get_or_create_service get_or_create_endpoint iniset iniset_rpc_backend \
        configure_keystone_authtoken_middleware configure_keystoneauth \
        recreate_database run_process stop_process sudo; do
    eval "$function() { record $function \"\$@\"; }"
done

# The CLI: "show" finds nothing, "create" prints the new thing's id.
openstack() {
    record openstack "$@"
    local verb=$2 name=$3
    case $1 in security) verb=$3 name=$4 ;; esac
    case $verb in
        show) return 1 ;;
        create) echo "id-of-$name" ;;
    esac
}

. "$REPO/devstack/settings"
. "$REPO/devstack/plugin.sh" "$@"
