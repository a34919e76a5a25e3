#!/usr/bin/env bash
# devstack plugin of Trove: enable_plugin trove <this repository>
# Phases: stack install, post-config, extra, test-config; unstack; clean.
# Services: tr-api, tr-tmgr, tr-cond. Guest images are built from this
# repository (tools/build-guest-image.sh) and registered with trove-manage.
# shellcheck disable=SC2154 # devstack's globals (DEST, SERVICE_HOST, ...)

TROVE_BIN_DIR=${TROVE_BIN_DIR:-$(get_python_exec_prefix)}
TROVE_MANAGE="$TROVE_BIN_DIR/trove-manage --config-file $TROVE_CONF"

trove_url() {
    echo "$TROVE_SERVICE_PROTOCOL://$TROVE_SERVICE_HOST:$TROVE_SERVICE_PORT"
}

install_trove() {
    setup_develop "$TROVE_DIR"
    pip_install python-troveclient
}

# The guests' vhost and the control plane's rights on it; the management
# API is how the taskmanager makes each guest's account.
configure_trove_rabbit() {
    sudo rabbitmq-plugins enable rabbitmq_management
    sudo rabbitmqctl add_vhost "$TROVE_GUEST_VHOST" || true
    sudo rabbitmqctl set_permissions -p "$TROVE_GUEST_VHOST" "$RABBIT_USERID" ".*" ".*" ".*"
    sudo rabbitmqctl set_user_tags "$RABBIT_USERID" administrator
}

configure_trove() {
    sudo install -d -o "$STACK_USER" "$TROVE_CONF_DIR" "$TROVE_STATE_DIR"
    create_service_user trove admin
    get_or_create_service trove database "Database service"
    get_or_create_endpoint database "$REGION_NAME" \
        "$(trove_url)/v1.0/\$(project_id)s" "" "$(trove_url)/v1.0/\$(project_id)s"
    configure_trove_rabbit

    iniset "$TROVE_CONF" DEFAULT state_path "$TROVE_STATE_DIR"
    iniset "$TROVE_CONF" DEFAULT auth_strategy keystone
    iniset "$TROVE_CONF" DEFAULT default_datastore "${TROVE_DATASTORES%%:*}"
    iniset "$TROVE_CONF" DEFAULT inst_rpc_key_encr_key "$(generate_hex_string 32)"
    iniset_rpc_backend trove "$TROVE_CONF" DEFAULT
    iniset "$TROVE_CONF" guest_bus transport_url "$(get_transport_url "$TROVE_GUEST_VHOST")"
    iniset "$TROVE_CONF" guest_bus management_url "http://$RABBIT_HOST:$TROVE_RABBIT_MANAGEMENT_PORT/"
    iniset "$TROVE_CONF" database connection "$(database_connection_url trove)"
    iniset "$TROVE_CONF" api bind_host "$TROVE_SERVICE_HOST"
    iniset "$TROVE_CONF" api bind_port "$TROVE_SERVICE_PORT"
    iniset "$TROVE_CONF" api public_endpoint "$(trove_url)"
    configure_keystone_authtoken_middleware "$TROVE_CONF" trove
    # Servers, volumes and ports live in the service project.
    configure_keystoneauth "$TROVE_CONF" trove service_credentials
    iniset "$TROVE_CONF" service_credentials region_name "$REGION_NAME"
    iniset "$TROVE_CONF" compute driver nova
    iniset "$TROVE_CONF" nova_compute volume_support "$TROVE_VOLUME_SUPPORT"
    iniset "$TROVE_CONF" backup encryption_key "$(generate_hex_string 32)"
    if is_service_enabled s-proxy; then
        iniset "$TROVE_CONF" backup storage_driver swift
        iniset "$TROVE_CONF" backup swift_auth_url "$KEYSTONE_SERVICE_URI/v3"
        iniset "$TROVE_CONF" backup swift_user trove
        iniset "$TROVE_CONF" backup swift_key "$SERVICE_PASSWORD"
        iniset "$TROVE_CONF" backup swift_project "$SERVICE_PROJECT_NAME"
    fi
}

# The management network and its security group (nothing comes in: the
# agent only connects out, to the bus).
create_trove_mgmt_network() {
    local network subnet group
    network=$(openstack network show "$TROVE_MGMT_NETWORK_NAME" -f value -c id 2>/dev/null ||
              openstack network create "$TROVE_MGMT_NETWORK_NAME" \
                  --project "$SERVICE_PROJECT_NAME" -f value -c id)
    subnet=$(openstack subnet show "$TROVE_MGMT_SUBNET_NAME" -f value -c id 2>/dev/null ||
             openstack subnet create "$TROVE_MGMT_SUBNET_NAME" --network "$network" \
                 --subnet-range "$TROVE_MGMT_SUBNET_RANGE" -f value -c id)
    group=$(openstack security group show "$TROVE_MGMT_SECURITY_GROUP" -f value -c id 2>/dev/null ||
            openstack security group create "$TROVE_MGMT_SECURITY_GROUP" \
                --project "$SERVICE_PROJECT_NAME" -f value -c id)
    [ -n "$subnet" ] || die $LINENO "no subnet on $TROVE_MGMT_NETWORK_NAME"
    iniset "$TROVE_CONF" nova_compute management_networks "$network"
    iniset "$TROVE_CONF" nova_compute management_security_groups "$group"
}

# Trove's flavors are Nova's, by id.
register_trove_flavors() {
    local entry id name ram vcpus
    for entry in $TROVE_FLAVORS; do
        IFS=: read -r id name ram vcpus <<< "$entry"
        openstack flavor show "$id" >/dev/null 2>&1 ||
            openstack flavor create "$name" --id "$id" --ram "$ram" \
                --vcpus "$vcpus" --disk "$TROVE_FLAVOR_DISK" >/dev/null
        $TROVE_MANAGE flavor_update "$id" "$name" "$ram" "$vcpus" "$TROVE_FLAVOR_DISK"
    done
}

# One image per datastore version, found by its tags at each create.
register_trove_images() {
    local entry datastore version image
    mkdir -p "$TROVE_IMAGE_DIR"
    for entry in $TROVE_DATASTORES; do
        IFS=: read -r datastore version <<< "$entry"
        image="$TROVE_IMAGE_DIR/trove-$datastore-$version.qcow2"
        [ -f "$image" ] ||
            sudo TROVE_IMAGE_DIR="$TROVE_IMAGE_DIR" \
                "$TROVE_DIR/tools/build-guest-image.sh" "$datastore" "$version" "$image" ||
            die $LINENO "could not build the $datastore $version guest image"
        openstack image show "trove-$datastore-$version" >/dev/null 2>&1 ||
            openstack image create "trove-$datastore-$version" --disk-format qcow2 \
                --container-format bare --file "$image" --tag "$TROVE_IMAGE_TAG" \
                --tag "$datastore" >/dev/null
        $TROVE_MANAGE datastore_update "$datastore" ""
        $TROVE_MANAGE datastore_version_update "$datastore" "$version" "$datastore" \
            "" "" 1 --image-tags "$TROVE_IMAGE_TAG,$datastore"
        $TROVE_MANAGE datastore_update "$datastore" "$version"
        $TROVE_MANAGE db_load_datastore_config_parameters "$datastore" "$version" \
            "$TROVE_DIR/etc/trove/validation-rules/$datastore.json"
    done
}

init_trove() {
    recreate_database trove
    $TROVE_MANAGE db_sync
    create_trove_mgmt_network
    register_trove_flavors
    register_trove_images
}

start_trove() {
    run_process tr-api "$TROVE_BIN_DIR/trove-api --config-file $TROVE_CONF"
    run_process tr-tmgr "$TROVE_BIN_DIR/trove-taskmanager --config-file $TROVE_CONF"
    run_process tr-cond "$TROVE_BIN_DIR/trove-conductor --config-file $TROVE_CONF"
}

stop_trove() {
    local service
    for service in tr-api tr-tmgr tr-cond; do
        stop_process "$service"
    done
}

cleanup_trove() {
    sudo rm -rf "$TROVE_CONF_DIR" "$TROVE_STATE_DIR" "$TROVE_IMAGE_DIR"
}

if is_service_enabled trove; then
    case "$1/${2:-}" in
        stack/install) install_trove ;;
        stack/post-config) configure_trove ;;
        stack/extra) init_trove; start_trove ;;
        # No tempest plugin yet: the project's own functional tests run
        # against a deployment instead.
        stack/test-config) echo "trove: no tempest configuration" ;;
    esac
    case "$1" in
        unstack) stop_trove ;;
        clean) cleanup_trove ;;
    esac
fi
