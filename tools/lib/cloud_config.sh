# shellcheck shell=bash
# The test cloud's config files (TROVE_COMPUTE=nova), written once per state
# directory. Sourced by tools/lib/cloud.sh, which sets the CLOUD_* paths.

cloud_authtoken() {  # keystonemiddleware's section, for service user $1
    cat <<CONF
[keystone_authtoken]
www_authenticate_uri = $KEYSTONE_URL
auth_url = $KEYSTONE_URL
auth_type = password
username = $1
password = $(keystone_password "$1")
user_domain_name = Default
project_name = service
project_domain_name = Default
region_name = RegionOne
CONF
}

cloud_service_auth() {  # a client section [$1] as service user $2
    cat <<CONF
[$1]
auth_url = $KEYSTONE_URL
auth_type = password
username = $2
password = $(keystone_password "$2")
user_domain_name = Default
project_name = service
project_domain_name = Default
region_name = RegionOne
valid_interfaces = internal,public
CONF
}

cloud_write_glance_config() {
    local dir="$CLOUD_DIR/glance"
    [ -f "$dir/glance-api.conf" ] && return 0
    mkdir -p "$dir/images" "$dir/staging" "$dir/tasks"
    (umask 077; cat > "$dir/glance-api.conf" <<CONF
[DEFAULT]
log_file = $dir/log/glance-api.log
enabled_backends = fs:file
worker_self_reference_url = http://127.0.0.1:$GLANCE_PORT

[database]
connection = sqlite:///$dir/glance.db

[glance_store]
default_backend = fs

[fs]
filesystem_store_datadir = $dir/images

[os_glance_staging_store]
filesystem_store_datadir = $dir/staging

[os_glance_tasks_store]
filesystem_store_datadir = $dir/tasks

[paste_deploy]
flavor = keystone
config_file = $GLANCE_VENV/etc/glance/glance-api-paste.ini

$(cloud_authtoken glance)
CONF
    )
}

cloud_write_placement_config() {
    local dir="$CLOUD_DIR/placement"
    [ -f "$dir/placement.conf" ] && return 0
    (umask 077; cat > "$dir/placement.conf" <<CONF
[DEFAULT]
log_file = $dir/log/placement-api.log

[placement_database]
connection = sqlite:///$dir/placement.db

[api]
auth_strategy = keystone

$(cloud_authtoken placement)
CONF
    )
}

cloud_write_nova_config() {
    local dir="$CLOUD_DIR/nova"
    [ -f "$dir/nova.conf" ] && return 0
    mkdir -p "$dir/state" "$dir/locks"
    # nova-api loads its pipeline from the first of its config files.
    cp "$NOVA_VENV/etc/nova/api-paste.ini" "$dir/api-paste.ini"
    (umask 077; cat > "$dir/nova.conf" <<CONF
[DEFAULT]
transport_url = rabbit://$RABBIT_CONTROL_USER:$RABBIT_CONTROL_PASSWORD@127.0.0.1:$RABBIT_PORT/$CLOUD_RABBIT_VHOST
compute_driver = $CLOUD_COMPUTE_DRIVER
host = $CLOUD_HOST
my_ip = 127.0.0.1
state_path = $dir/state
instances_path = $dir/state/instances
# A stopped cloud powers its servers off; they come back with nova-compute.
resume_guests_state_on_host_boot = true
vif_plugging_is_fatal = false
vif_plugging_timeout = 0
# 2 cores: the defaults (the CPU count) would double every service.
osapi_compute_workers = 1
metadata_workers = 1
# A stop waits for nothing worth 60 s (the default) here.
graceful_shutdown_timeout = 5
# The cloud has one compute host: a resize (Trove's resize flavor) stays on it.
allow_resize_to_same_host = true

[api_database]
connection = $(cloud_db_url nova_api)

[database]
connection = $(cloud_db_url nova_cell1)

[conductor]
workers = 1

[scheduler]
workers = 1
# New compute hosts get mapped to cell1 without an operator's step.
discover_hosts_in_cells_interval = 2

[wsgi]
api_paste_config = $dir/api-paste.ini

[oslo_concurrency]
lock_path = $dir/locks

[vnc]
enabled = false

[trove_test_cloud]
trove_python = $VENV/bin/python
launcher_config = $dir/launcher.conf

$(cloud_authtoken nova)

$(cloud_service_auth placement nova)

$(cloud_service_auth neutron nova)

$(cloud_service_auth glance nova)
CONF
    )
    # The launcher runs Trove's local-driver modules with Trove's python:
    # a trove.conf-shaped file of its own, for the servers' directories.
    (umask 077; cat > "$dir/launcher.conf" <<CONF
[DEFAULT]
state_path = $STATE_DIR
log_file = $dir/log/launcher.log

[local_compute]
instances_path = $CLOUD_SERVERS_DIR
cgroup_prefix = $CGROUP_PREFIX-nova
standby_agent = false
CONF
    )
}

cloud_write_network_config() {
    local dir="$CLOUD_DIR/network"
    [ -f "$dir/standin.conf" ] && return 0
    (umask 077; cat > "$dir/standin.conf" <<CONF
[standin]
store = $dir/network.json

$(cloud_authtoken network-standin)
CONF
    )
}
