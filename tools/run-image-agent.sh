#!/usr/bin/env bash
# Runs a guest image's own agent and engine on this host, inside the
# image's unpacked root (chroot), as the local compute driver's agent:
#   [local_compute] guestagent_command = tools/run-image-agent.sh ROOT
# (the quickstart sets it from TROVE_GUESTAGENT_COMMAND). The driver adds
# --config-file GUEST.CONF. A test harness for images built by
# tools/build-guest-image.sh, not a way to run instances: in a cloud Nova
# boots the image and cloud-init writes the agent's config instead.
#
# The image sees, at their host paths, only what the local driver gives an
# instance: its directory, volume, config directory, the shared caches the
# root helper serves; and the host's users (the instance's user is made
# on the host). The pid stays the driver's child's: every step execs.
set -eu
if [ $# -lt 3 ] || [ "$2" != --config-file ]; then
    echo "usage: $0 ROOT --config-file GUEST.CONF" >&2
    exit 2
fi
root=$1 config=$3
agent=/opt/trove-guestagent/bin/trove-guestagent
[ -x "$root$agent" ] || { echo "$root has no guest agent ($agent)" >&2; exit 1; }

# The [guest_agent] paths of the config the driver wrote.
setting() {
    sed -n "/^\[guest_agent\]/,/^\[/{s/^$1 = //p}" "$config" | head -1
}
paths=$(dirname "$config")
for name in instance_dir volume_path datadir_cache_path local_backup_path; do
    value=$(setting "$name")
    [ -n "$value" ] && [ -d "$value" ] && paths="$paths $value"
done

# shellcheck disable=SC2016 # expanded by the inner shell
exec unshare --mount --propagation private -- sh -c '
    root=$1 config=$2 agent=$3 paths=$4
    mount -t proc proc "$root/proc"
    mount --bind /dev "$root/dev"
    mount --rbind /sys "$root/sys"
    for file in passwd group; do
        mount --bind -o ro "/etc/$file" "$root/etc/$file"
    done
    # Parents the instance'"'"'s user can traverse, as on the host.
    umask 022
    for path in $paths; do
        mkdir -p "$root$path" && mount --rbind "$path" "$root$path"
    done
    exec chroot "$root" "$agent" --config-file "$config"' \
    run-image-agent "$root" "$config" "$agent" "$paths"
