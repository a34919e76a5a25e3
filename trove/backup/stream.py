"""The backup pipeline: engine bytes -> compression -> encryption ->
storage, counted and checksummed on the way; and its reverse. Every stage
is a generator of chunks, so nothing is ever held or staged whole.
Compression, the costly stage, runs in threads of its own (zstd's
workers, then a read-ahead), beside encryption and storage."""
import hashlib

from trove.backup import compression
from trove.backup import encryption
from trove.backup import pipeline


class Counter(object):
    """Passes chunks through, counting their bytes."""

    def __init__(self, chunks):
        self._chunks = chunks
        self.size = 0

    def __iter__(self):
        for chunk in self._chunks:
            self.size += len(chunk)
            yield chunk


class Meter(Counter):
    """Passes chunks through, counting bytes and hashing them (sha256)."""

    def __init__(self, chunks):
        super().__init__(chunks)
        self._hash = hashlib.sha256()

    def __iter__(self):
        for chunk in super().__iter__():
            self._hash.update(chunk)
            yield chunk

    @property
    def checksum(self):
        return self._hash.hexdigest()


def seal(raw, algorithm, key):
    """The stored chunks, as a Meter: iterate it, then read its size and
    checksum."""
    compressed = pipeline.read_ahead(compression.compress(raw, algorithm),
                                     name='backup-compress')
    return Meter(encryption.encrypt(compressed, key))


def unseal(stored_chunks, algorithm, key, checksum=None):
    """The raw chunks of a stored object. With ``checksum``, a mismatch of
    the stored bytes raises once they are all read (each frame is also
    authenticated as it is decrypted, so no altered byte gets through).
    Fetching, decryption and decompression run in a thread of their own,
    beside the consumer (the engine's extract tool)."""
    def raw():
        meter = Meter(stored_chunks)
        yield from compression.decompress(encryption.decrypt(meter, key),
                                          algorithm)
        if checksum is not None and meter.checksum != checksum:
            raise ChecksumMismatch(checksum, meter.checksum)

    yield from pipeline.read_ahead(raw(), name='restore-unseal')


class ChecksumMismatch(ValueError):

    def __init__(self, expected, found):
        super().__init__('the stored backup has checksum %s, not %s'
                         % (found, expected))


def checksum_of(chunks):
    """(size, sha256) of a stream, e.g. an object read back from storage."""
    meter = Meter(chunks)
    for _ in meter:
        pass
    return meter.size, meter.checksum
