"""The interface of an engine's backup strategy inside the guest.

A strategy turns the running engine into a stream of raw bytes (its own
format: xbstream, tar, RDB) and a chain of such streams back into a data
directory. Compression, encryption, checksums and storage are the
runner's (trove.guestagent.strategies.backup.runner), the same for every
engine.
"""
import os
import shutil


class BackupStrategy(object):

    # Names the raw stream in object names and metadata.
    stream_format = None
    # Whether a backup can build on a parent (the API refuses otherwise).
    incremental = False

    def __init__(self, datastore):
        self.datastore = datastore
        self.layout = datastore.layout
        # Filled by stream() once its tool has finished: what a child
        # backup or a restore needs (LSNs, WAL positions).
        self.meta = {}

    def stream(self, parent_meta, chunk_size, deadline):
        """Raw chunks of a backup of the running engine (a generator); on
        top of the backup whose meta is ``parent_meta`` if not None."""
        raise NotImplementedError

    def restore(self, chain, open_link):
        """Fill the (stopped, empty) data directory from ``chain`` (full
        first); ``open_link(link)`` gives one backup's raw chunks."""
        raise NotImplementedError

    def scratch_dir(self, name):
        """An empty directory on the volume, beside the data directory (so
        a rename moves its content into place)."""
        path = os.path.join(self.layout.volume_path, '.restore-%s' % name)
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path, mode=0o700)
        return path


def chown_tree(path, uid, gid):
    os.chown(path, uid, gid)
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            os.lchown(os.path.join(root, name), uid, gid)
