"""The pipeline: compression, encryption and checksums round-trip in
chunks of any size, and refuse tampered, truncated or misread streams."""
import hashlib
import os

import pytest

from trove.backup import compression
from trove.backup import encryption
from trove.backup import stream


def _chunks(data, size):
    return [data[i:i + size] for i in range(0, len(data), size)]


def _rechunk(chunks, size):
    return _chunks(b''.join(chunks), size)


DATA = os.urandom(200_000) + b'compressible ' * 50_000


@pytest.mark.parametrize('algorithm', [compression.ZSTD, compression.GZIP])
@pytest.mark.parametrize('write_size,read_size', [(1, 7), (4096, 65536),
                                                  (100_000, 1)])
def test_round_trip_in_any_chunking(algorithm, write_size, read_size):
    key = encryption.new_key()
    stored = stream.seal(iter(_chunks(DATA, write_size)), algorithm, key)
    chunks = list(stored)
    assert stored.size == sum(map(len, chunks))
    assert stored.checksum == hashlib.sha256(b''.join(chunks)).hexdigest()
    raw = stream.unseal(iter(_rechunk(chunks, read_size)), algorithm, key,
                        checksum=stored.checksum)
    assert b''.join(raw) == DATA


def test_compression_shrinks_and_is_recorded_by_name():
    packed = b''.join(compression.compress([b'a' * 1_000_000],
                                           compression.ZSTD))
    assert len(packed) < 1000
    assert compression.suffix(compression.ZSTD) == 'zst'
    assert compression.suffix(compression.GZIP) == 'gz'


def test_empty_stream_round_trips():
    key = encryption.new_key()
    chunks = list(stream.seal(iter([]), compression.ZSTD, key))
    assert b''.join(stream.unseal(iter(chunks), compression.ZSTD, key)) == b''


def _sealed():
    key = encryption.new_key()
    stored = stream.seal(iter(_chunks(DATA, 8192)), compression.GZIP, key)
    return key, b''.join(stored), stored.checksum


def test_a_flipped_byte_is_refused():
    key, data, _ = _sealed()
    tampered = bytearray(data)
    tampered[len(data) // 2] ^= 1
    with pytest.raises(encryption.DecryptionError):
        b''.join(stream.unseal(iter([bytes(tampered)]), compression.GZIP,
                               key))


def test_a_truncated_stream_is_refused():
    key, data, _ = _sealed()
    # Cut at a frame boundary: every frame left authenticates, but the
    # final one is missing.
    frames = list(encryption.encrypt(iter([b'x' * 10, b'y' * 10]), key))
    with pytest.raises(encryption.DecryptionError):
        b''.join(encryption.decrypt(iter(frames[:-1]), key))
    with pytest.raises(encryption.DecryptionError):
        b''.join(stream.unseal(iter([data[:-5]]), compression.GZIP, key))


def test_reordered_frames_are_refused():
    key = encryption.new_key()
    frames = list(encryption.encrypt(iter([b'first', b'second']), key))
    swapped = [frames[0], frames[2], frames[1], frames[3]]
    with pytest.raises(encryption.DecryptionError):
        b''.join(encryption.decrypt(iter(swapped), key))


def test_the_wrong_key_is_refused():
    _, data, _ = _sealed()
    with pytest.raises(encryption.DecryptionError):
        b''.join(stream.unseal(iter([data]), compression.GZIP,
                               encryption.new_key()))


def test_a_checksum_mismatch_is_refused():
    key, data, checksum = _sealed()
    with pytest.raises(stream.ChecksumMismatch):
        b''.join(stream.unseal(iter([data]), compression.GZIP, key,
                               checksum='0' * 64))
    assert b''.join(stream.unseal(iter([data]), compression.GZIP, key,
                                  checksum=checksum)) == DATA


def test_encryption_keeps_memory_to_one_frame():
    key = encryption.new_key()
    frames = encryption.encrypt(iter([b'z' * 1000] * 1000), key)
    assert max(len(frame) for frame in frames) < 2000
