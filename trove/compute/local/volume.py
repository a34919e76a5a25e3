"""The data volume: a sparse ext4 image, loop-mounted at volume_path.

Where loop devices are unavailable (or disabled) the volume is a plain
directory. Which kind an instance has is read from disk: it has an image
file or it has not, so every later call agrees with the first one.
"""
import os
import time

from oslo_log import log as logging

from trove.common import exception
from trove.compute.local import commands
from trove.conf import CONF

LOG = logging.getLogger(__name__)

GiB = 1024 ** 3
UNMOUNT_ATTEMPTS = 5


def loop_devices_available():
    return (os.geteuid() == 0 and os.path.exists('/dev/loop-control')
            and commands.succeeds('losetup', '--find'))


class Volume(object):

    def __init__(self, layout):
        self.image = layout.volume_image
        self.mount_point = layout.volume_path

    @property
    def is_image(self):
        return os.path.exists(self.image)

    def is_mounted(self):
        return os.path.ismount(self._checked_mount_point())

    def _checked_mount_point(self):
        # The instance's user owns the directory the mount point is in: a
        # symlink put there would have root mount or unmount elsewhere.
        if os.path.islink(self.mount_point):
            raise exception.ComputeError(
                reason='%s is a symbolic link, not a mount point'
                       % self.mount_point)
        return self.mount_point

    def create(self, size_gb):
        """Make the volume and mount it; a mounted volume is left alone."""
        os.makedirs(self.mount_point, exist_ok=True)
        if self.is_mounted():
            return
        if not self.is_image and not self._wants_image():
            LOG.info('Volume of %s is a plain directory', self.mount_point)
            return
        if not self.is_image:
            self._make_image(size_gb)
        self.mount()

    def mount(self):
        if not self.is_image or self.is_mounted():
            return
        os.makedirs(self.mount_point, exist_ok=True)
        # mount -o loop sets autoclear: the loop device goes with umount.
        commands.execute('mount', '-t', 'ext4', '-o', 'loop,nodev,nosuid',
                         self.image, self._checked_mount_point())

    def unmount(self, lazy=True):
        """Unmount and free the loop device; already unmounted is fine.

        ``lazy`` allows detaching a busy file system from the tree as a
        last resort: right for a delete, never before touching the image.
        """
        for attempt in range(UNMOUNT_ATTEMPTS):
            if not self.is_mounted():
                break
            # Just-killed processes may still hold files open for a moment.
            if not commands.succeeds('umount', self._checked_mount_point()):
                time.sleep(0.2 * (attempt + 1))
        if self.is_mounted():
            if not lazy:
                raise exception.ComputeError(
                    reason='volume %s is busy' % self.mount_point)
            LOG.warning('%s is busy; detaching it lazily', self.mount_point)
            commands.execute('umount', '-l', self._checked_mount_point())
        self._detach_loop_devices()

    def grow(self, new_size_gb):
        """Offline grow; the caller has stopped everything using it."""
        if not self.is_image:
            LOG.info('Volume %s is a plain directory: nothing to resize',
                     self.mount_point)
            return
        new_bytes = int(new_size_gb * GiB)
        current_bytes = os.path.getsize(self.image)
        if new_bytes < current_bytes:
            raise exception.BadRequest(
                reason='a volume cannot shrink (from %s GB to %s GB)' % (
                    current_bytes / GiB, new_size_gb))
        # Online resize2fs is refused in unprivileged containers, and an
        # offline grow works everywhere.
        self.unmount(lazy=False)
        if new_bytes > current_bytes:
            os.truncate(self.image, new_bytes)
        # Exit codes 1 and 2 mean errors were found and corrected.
        commands.execute('e2fsck', '-f', '-y', self.image, ok_codes=(0, 1, 2),
                         timeout=600)
        commands.execute('resize2fs', self.image, timeout=600)
        self.mount()

    def _wants_image(self):
        if not CONF.local_compute.use_loop_volumes:
            return False
        if os.listdir(self.mount_point):
            # A re-driven create must not hide data already written to a
            # directory volume under a fresh mount.
            return False
        if not loop_devices_available():
            LOG.warning('Loop devices are unavailable; the volume of %s '
                        'is a plain directory without a size limit',
                        self.mount_point)
            return False
        return True

    def _make_image(self, size_gb):
        # Built under a temporary name and renamed when formatted, so an
        # image file on disk always holds a file system.
        draft = self.image + '.draft'
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.ftruncate(fd, int(size_gb * GiB))
        finally:
            os.close(fd)
        commands.execute('mkfs.ext4', '-q', '-F', '-m', '0',
                         '-E', 'lazy_itable_init=1,lazy_journal_init=1',
                         draft)
        os.rename(draft, self.image)

    def _detach_loop_devices(self):
        if not self.is_image:
            return
        listing = commands.execute('losetup', '-j', self.image).stdout
        for line in listing.splitlines():
            device = line.split(':', 1)[0].strip()
            # Autoclear may free it between listing and detaching.
            if device and not commands.succeeds('losetup', '-d', device):
                LOG.warning('Could not detach %s from %s', device, self.image)
