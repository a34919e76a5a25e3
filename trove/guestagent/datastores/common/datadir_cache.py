"""A cache of freshly initialised data directories.

Initialising a data directory (mariadb-install-db, initdb) is most of the
time of a first boot, and its result depends only on the engine build and
the settings it ran with. The first instance of each kind saves its fresh
directory here; later ones copy it, as VMs booting from a golden image
would. The cache holds no secrets: a fresh directory has only socket-login
accounts, and the agent sets its own credentials after the copy.
"""
import hashlib
import os
import shutil
import subprocess
import tempfile

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


def key(binary, settings):
    """Names one kind of fresh directory: the engine binary (its path,
    size and mtime, which change with every upgrade) and the settings that
    shape the files it writes."""
    stat = os.stat(binary)
    material = '\n'.join(['%s %d %d' % (binary, stat.st_size,
                                        int(stat.st_mtime))]
                         + sorted(settings))
    return hashlib.sha256(material.encode()).hexdigest()[:32]


def _root_helper():
    # Imported here: the helper itself copies with the functions below.
    from trove.guestagent import identity
    return identity.helper()


def restore(cache_dir, cache_key, target):
    """Copy a cached directory to ``target`` (which must not exist); False
    when there is none. Through the root helper when the agent has one:
    the cache is root's, so that no instance can plant files in another."""
    helper = _root_helper()
    if helper is not None:
        return helper.call('cache_restore', key=cache_key, target=target)
    return copy_from_cache(cache_dir, cache_key, target)


def save(cache_dir, cache_key, source):
    """Keep a copy of a fresh ``source`` (see restore)."""
    helper = _root_helper()
    if helper is not None:
        try:
            helper.call('cache_save', key=cache_key, source=source)
        except Exception as error:
            LOG.info('Data directory not cached: %s', error)
        return
    copy_into_cache(cache_dir, cache_key, source)


def copy_from_cache(cache_dir, cache_key, target):
    source = os.path.join(cache_dir or '', cache_key)
    if not cache_dir or not os.path.isdir(source):
        return False
    if os.path.isdir(target) and not os.listdir(target):
        os.rmdir(target)  # cp would copy into it, not as it
    subprocess.run(['cp', '-a', '--sparse=always', source, target],
                   check=True, capture_output=True)
    LOG.info('Data directory copied from the cache (%s)', cache_key)
    return True


def copy_into_cache(cache_dir, cache_key, source, owner=None):
    """Keep a copy of a fresh ``source``, its files owned by ``owner``
    (uid, gid) if given; another guest saving the same key at the same
    time is fine (the rename is atomic, the loser discards)."""
    if not cache_dir or os.path.isdir(os.path.join(cache_dir, cache_key)):
        return
    staging = None
    try:
        os.makedirs(cache_dir, mode=0o700, exist_ok=True)
        staging = tempfile.mkdtemp(dir=cache_dir, prefix='.staging-')
        copy = os.path.join(staging, 'data')
        subprocess.run(['cp', '-a', '--sparse=always', source, copy],
                       check=True, capture_output=True)
        if owner is not None:
            subprocess.run(['chown', '-R', '--no-dereference',
                            '%d:%d' % owner, copy],
                           check=True, capture_output=True)
        os.rename(copy, os.path.join(cache_dir, cache_key))
    except OSError as error:
        LOG.info('Data directory not cached: %s', error)
    except subprocess.CalledProcessError as error:
        LOG.warning('Data directory not cached: %s', error.stderr)
    finally:
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
