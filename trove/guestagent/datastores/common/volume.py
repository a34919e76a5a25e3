"""What the agent keeps on the volume beside the engine's data: the
prepared marker and its private credentials; and what an unfinished
prepare leaves there."""
import configparser
import ctypes
import io
import os
import shutil

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


def is_prepared(marker):
    return os.path.exists(marker)


def mark_prepared(marker, volume_path):
    """Flush whatever prepare wrote on the volume, then create the marker
    durably: the marker must survive a host crash (without it a new
    prepare would take the data directory for leftovers and remove it),
    and must never be on disk before the data it vouches for."""
    sync_filesystem(volume_path)
    write_durably(marker, '')


def write_durably(path, text, mode=0o600):
    """Replace ``path`` with ``text`` atomically and durably: a temporary
    file, fsynced, renamed over ``path``, and the directory fsynced so
    that the rename itself survives a host crash."""
    tmp = path + '.tmp'
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, 'w') as f:
        os.fchmod(f.fileno(), mode)     # a leftover tmp may have other bits
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(os.path.dirname(path))


def clear_leftovers(paths):
    """Remove what a failed or interrupted prepare left behind: without the
    prepared marker nothing in it was ever handed to a user."""
    for path in paths:
        if os.path.isdir(path) and os.listdir(path):
            LOG.warning('Removing the leftovers of an unfinished prepare '
                        'in %s', path)
            shutil.rmtree(path)


def write_credentials(path, section, values):
    """Store secrets in an ini file readable by root only (0600), replaced
    atomically and durably: the engine keeps only a hash, so a lost file
    locks the agent out of its own engine."""
    parser = configparser.ConfigParser(interpolation=None)
    parser[section] = values
    text = io.StringIO()
    parser.write(text)
    write_durably(path, text.getvalue(), mode=0o600)


def read_credentials(path, section):
    """The section of a credentials file as a dict; OSError without it."""
    parser = configparser.ConfigParser(interpolation=None)
    if not parser.read(path):
        raise OSError('no credentials file %s' % path)
    return dict(parser[section])


def sync_filesystem(path):
    """syncfs(2): flush everything written to the filesystem of ``path``
    (the volume) and report write-back errors. One call after a tool wrote
    a thousand small files costs a fraction of fsyncing each of them, for
    the same durability (PostgreSQL 17's initdb --sync-method=syncfs)."""
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open(path, os.O_RDONLY)
    try:
        if libc.syncfs(fd) != 0:
            error = ctypes.get_errno()
            raise OSError(error, 'syncfs %s: %s' % (path, os.strerror(error)))
    finally:
        os.close(fd)


def _fsync_dir(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
