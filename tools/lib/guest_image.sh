# shellcheck shell=bash
# The steps of tools/build-guest-image.sh: a Debian 12 root with an engine
# and the guest agent, then a bootable disk made of it. Sourced after
# tools/lib/install.sh (log, VENV, REPO).

GUEST_AGENT_VENV=/opt/trove-guestagent
GUEST_CONF_DIR=/etc/trove/conf.d
# The data volume: a Cinder volume the agent mounts here, or the image's
# own disk when the cloud has no Cinder.
GUEST_VOLUME_PATH=/var/lib/trove/data

# The engine's Debian 12 packages, if Debian 12 ships VERSION of it.
engine_packages() {
    local datastore=$1 version=$2 shipped packages
    case $datastore in
        mariadb) shipped=10.11; packages="mariadb-server mariadb-backup mariadb-client" ;;
        postgresql) shipped=15; packages="postgresql-15 postgresql-client-15" ;;
        redis) shipped=7.0; packages="redis-server" ;;
        *) log "unknown datastore $datastore (mariadb, postgresql or redis)"; return 2 ;;
    esac
    if [ "$version" != "$shipped" ]; then
        log "Debian 12 ships $datastore $shipped, not $version"
        return 2
    fi
    echo "$packages"
}

install_image_tools() {
    _install_missing "debootstrap qemu-utils extlinux syslinux-common fdisk e2fsprogs" \
        --no-install-recommends
}

# Runs a command in the root with /proc, /sys and /dev of the host, which
# package scripts (initramfs, systemd) need; they go again when it ends.
in_root() {
    local root=$1; shift
    # shellcheck disable=SC2016 # expanded by the inner shell
    unshare --mount --propagation private -- sh -c '
        root=$1; shift
        mount -t proc proc "$root/proc" && mount --rbind /sys "$root/sys" &&
        mount --rbind /dev "$root/dev" &&
        exec chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
            HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"' \
        in_root "$root" "$@"
}

# debootstrap, then the engine, the kernel and cloud-init with apt. Engines
# must not start while the image is built: the policy-rc.d refuses them.
build_root() {
    local root=$1 mirror=$2 engine
    read -r -a engine <<< "$3"
    local cache="${TROVE_IMAGE_CACHE:-${TROVE_IMAGE_DIR:-$REPO/images}/debs}"
    mkdir -p "$cache"
    if [ ! -x "$root/usr/bin/python3" ]; then
        rm -rf "$root"
        log "debootstrap of Debian 12 into $root"
        debootstrap --variant=minbase --cache-dir="$cache" \
            --include=python3,python3-venv,ca-certificates \
            bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
            || { log "debootstrap failed (see $root.debootstrap.log)"; return 1; }
    fi
    printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
    chmod +x "$root/usr/sbin/policy-rc.d"
    log "installing ${engine[*]}, the kernel, systemd and cloud-init in the image"
    in_root "$root" apt-get install -y -q --no-install-recommends \
        "${engine[@]}" linux-image-cloud-amd64 systemd-sysv cloud-init \
        ifupdown isc-dhcp-client e2fsprogs iproute2 util-linux \
        >"$root.apt.log" 2>&1 \
        || { log "apt-get in the image failed (see $root.apt.log)"; return 1; }
    in_root "$root" apt-get clean
    rm -f "$root/usr/sbin/policy-rc.d"
}

# The agent is this checkout of the project, from wheels built here (the
# image's Python is Debian's 3.11, the same minor version as the host's).
install_agent() {
    local root=$1 wheelhouse=$2
    log "building the guest agent's wheels into $wheelhouse"
    rm -rf "$wheelhouse" && mkdir -p "$wheelhouse"
    "$VENV/bin/pip" wheel -q -c "$REPO/upper-constraints.txt" -w "$wheelhouse" "$REPO" \
        2>&1 | grep -v '^WARNING: Location' >&2
    [ "${PIPESTATUS[0]}" -eq 0 ] || return 1
    rm -rf "$root/tmp/wheelhouse" && cp -r "$wheelhouse" "$root/tmp/wheelhouse"
    cp "$REPO/upper-constraints.txt" "$root/tmp/wheelhouse/"
    # The host's CA bundle, for this build only: the host may reach PyPI
    # through a proxy whose CA the image's own bundle lacks.
    cp "${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}" "$root/tmp/wheelhouse/ca.crt"
    log "installing the guest agent into $GUEST_AGENT_VENV of the image"
    # This project's wheel, named by its file: "trove" on PyPI is another.
    # PyPI too, under the same pins: Debian's Python (3.11.2) needs a few
    # backports the host's newer 3.11 does not (redis: async-timeout).
    in_root "$root" sh -c "rm -rf $GUEST_AGENT_VENV && python3 -m venv $GUEST_AGENT_VENV &&
        PIP_CERT=/tmp/wheelhouse/ca.crt $GUEST_AGENT_VENV/bin/pip install -q \
            --find-links /tmp/wheelhouse -c /tmp/wheelhouse/upper-constraints.txt \
            /tmp/wheelhouse/trove-*.whl" \
        || return 1
    rm -rf "$root/tmp/wheelhouse"
}

# What the image itself decides: where the agent's config comes from, the
# volume's mount point, the unit that starts the agent, cloud-init's
# datasources. The server's user data brings the rest (the instance's id,
# key and bus credentials) as /etc/trove/conf.d/trove-guestagent.conf.
configure_guest() {
    local root=$1 datastore=$2 version=$3
    mkdir -p "$root$GUEST_CONF_DIR" "$root$GUEST_VOLUME_PATH" "$root/var/log/trove"
    chmod 0700 "$root$GUEST_CONF_DIR"
    cat > "$root$GUEST_CONF_DIR/00-image.conf" <<CONF
# Written by tools/build-guest-image.sh: what this image decides.
[DEFAULT]
log_dir = /var/log/trove

[guest_agent]
datastore_manager = $datastore
datastore_version = $version
address = 0.0.0.0
instance_dir = /var/lib/trove
volume_path = $GUEST_VOLUME_PATH
CONF
    cat > "$root/etc/systemd/system/trove-guestagent.service" <<UNIT
[Unit]
Description=Trove guest agent
# cloud-init.service writes the agent's config from the server's user data
# (write_files); not cloud-final, which itself waits for multi-user.target.
After=network-online.target cloud-init.service
Wants=network-online.target
ConditionPathExists=$GUEST_CONF_DIR/trove-guestagent.conf

[Service]
ExecStart=$GUEST_AGENT_VENV/bin/trove-guestagent --config-dir $GUEST_CONF_DIR
Restart=on-failure
RestartSec=2

[Install]
WantedBy=multi-user.target
UNIT
    mkdir -p "$root/etc/systemd/system/multi-user.target.wants"
    ln -sf /etc/systemd/system/trove-guestagent.service \
        "$root/etc/systemd/system/multi-user.target.wants/trove-guestagent.service"
    cat > "$root/etc/cloud/cloud.cfg.d/90-trove.cfg" <<CFG
# Nova's config drive first, then its metadata service.
datasource_list: [ConfigDrive, OpenStack, None]
CFG
    printf 'LABEL=trove-root / ext4 defaults 0 1\n' > "$root/etc/fstab"
    echo "trove-$datastore" > "$root/etc/hostname"
    # The engine runs under the agent: Debian's own unit must stay off.
    local unit
    for unit in mariadb postgresql redis-server; do
        rm -f "$root/etc/systemd/system/multi-user.target.wants/$unit.service"
    done
}

# One bootable ext4 partition with extlinux, converted to qcow2. The
# partition is reached by a loop device at its offset, so no partition
# device nodes (which containers often lack) are needed.
make_disk() {
    local root=$1 output=$2 size=$3
    local raw="$output.raw" mnt="$output.mnt" loop offset=1048576
    log "making the disk $output ($size)"
    rm -f "$raw" && truncate -s "$size" "$raw"
    echo 'start=2048, type=83, bootable' | sfdisk -q "$raw"
    loop=$(losetup --find --show --offset $offset "$raw")
    # extlinux reads neither 64-bit ext4 nor checksummed metadata seeds.
    mkfs.ext4 -q -L trove-root -O ^64bit,^metadata_csum_seed "$loop" \
        || { losetup -d "$loop"; return 1; }
    mkdir -p "$mnt" && mount "$loop" "$mnt"
    cp -a "$root/." "$mnt/"
    local kernel initrd
    kernel=$(find "$mnt/boot" -maxdepth 1 -name 'vmlinuz-*' -printf '%f\n' | sort -V | tail -1)
    initrd=$(find "$mnt/boot" -maxdepth 1 -name 'initrd.img-*' -printf '%f\n' | sort -V | tail -1)
    mkdir -p "$mnt/boot/extlinux"
    cat > "$mnt/boot/extlinux/extlinux.conf" <<BOOT
DEFAULT trove
TIMEOUT 1
LABEL trove
    LINUX /boot/$kernel
    INITRD /boot/$initrd
    APPEND root=LABEL=trove-root ro console=tty0 console=ttyS0,115200
BOOT
    extlinux --install "$mnt/boot/extlinux" >/dev/null 2>&1
    local rc=$?
    umount "$mnt" && rmdir "$mnt"
    losetup -d "$loop"
    [ $rc -eq 0 ] || { log "extlinux --install failed"; return 1; }
    dd if=/usr/lib/syslinux/mbr/mbr.bin of="$raw" bs=440 count=1 conv=notrunc status=none
    qemu-img convert -f raw -O qcow2 "$raw" "$output.draft" && mv "$output.draft" "$output"
    rm -f "$raw"
}
