"""Running host commands (mount, mkfs, losetup...) with readable errors."""
import subprocess

from oslo_log import log as logging

from trove.common import exception

LOG = logging.getLogger(__name__)


def execute(*command, ok_codes=(0,), timeout=120):
    """Run ``command`` (no shell); raise ComputeError on unexpected exit."""
    LOG.debug('Running %s', ' '.join(command))
    try:
        result = subprocess.run(list(command), stdin=subprocess.DEVNULL,
                                capture_output=True, text=True,
                                timeout=timeout, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        raise exception.ComputeError(
            reason='%s could not run: %s' % (command[0], error))
    if result.returncode not in ok_codes:
        raise exception.ComputeError(
            reason='%s exited with %d: %s' % (
                ' '.join(command), result.returncode,
                (result.stderr or result.stdout).strip()))
    return result


def succeeds(*command, timeout=120):
    """True if ``command`` exits 0; for probes and best-effort steps."""
    try:
        execute(*command, timeout=timeout)
    except exception.ComputeError as error:
        LOG.debug('%s', error)
        return False
    return True
