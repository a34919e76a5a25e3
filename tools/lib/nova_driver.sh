# shellcheck shell=bash
# Trove's side of TROVE_COMPUTE=nova: trove.conf's part for the nova
# compute driver, appended once; quickstart.sh then registers the
# datastore versions with `register_local --image-tags trove` (each boots
# the newest Glance image tagged trove and its datastore, as the test
# cloud tags its images). Sourced by quickstart.sh after keystone.sh.

NOVA_MGMT_NETWORK=${TROVE_NOVA_MGMT_NETWORK:-trove-mgmt}

nova_driver_config() {
    cat <<CONF

[compute]
driver = nova

[service_credentials]
auth_type = password
auth_url = $KEYSTONE_URL
username = trove
password = $(keystone_password trove)
user_domain_name = Default
project_name = service
project_domain_name = Default
region_name = RegionOne

[nova_compute]
management_networks = $NOVA_MGMT_NETWORK
CONF
}

nova_driver_configure() {
    grep -q '^\[nova_compute\]' "$CONFIG_FILE" && return 0
    (umask 077; nova_driver_config >> "$CONFIG_FILE")
    log "$CONFIG_FILE: compute driver nova (management network $NOVA_MGMT_NETWORK)"
}
