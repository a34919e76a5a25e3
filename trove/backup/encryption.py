"""Chunked authenticated encryption of backup streams (AES-256-GCM).

Layout: MAGIC, an 8-byte random nonce prefix, then frames of
``length (4 bytes) | flags (1 byte) | ciphertext+tag``. Each frame's nonce
is the prefix and the frame's counter, and its header is authenticated
with it, so frames cannot be reordered, dropped or altered; the last frame
is flagged final, so a truncated stream is refused too. Memory stays at
one frame whatever the size of the backup.
"""
import os
import struct

from cryptography.hazmat.primitives.ciphers import aead

MAGIC = b'TROVEBK1'
KEY_BYTES = 32
_PREFIX_BYTES = 8
_HEADER = struct.Struct('>IB')
_TAG_BYTES = 16
_FINAL = 1
# Larger frames are refused when reading: a corrupt length must not make
# the reader allocate gigabytes.
MAX_FRAME = 64 * 1024 * 1024


class DecryptionError(ValueError):
    pass


def new_key():
    return os.urandom(KEY_BYTES)


def _nonce(prefix, counter):
    return prefix + struct.pack('>I', counter)


def encrypt(chunks, key):
    cipher = aead.AESGCM(key)
    prefix = os.urandom(_PREFIX_BYTES)
    yield MAGIC + prefix
    counter = 0
    for chunk in chunks:
        if not chunk:
            continue
        for start in range(0, len(chunk), MAX_FRAME - _TAG_BYTES):
            piece = chunk[start:start + MAX_FRAME - _TAG_BYTES]
            yield _frame(cipher, prefix, counter, piece, 0)
            counter += 1
    yield _frame(cipher, prefix, counter, b'', _FINAL)


def _frame(cipher, prefix, counter, plaintext, flags):
    header = _HEADER.pack(len(plaintext) + _TAG_BYTES, flags)
    return header + cipher.encrypt(_nonce(prefix, counter), bytes(plaintext),
                                   header + struct.pack('>I', counter))


def decrypt(chunks, key):
    cipher = aead.AESGCM(key)
    buffer = bytearray()
    chunks = iter(chunks)
    prefix = None
    counter = 0
    final = False
    for chunk in chunks:
        buffer += chunk
        if prefix is None:
            if len(buffer) < len(MAGIC) + _PREFIX_BYTES:
                continue
            if bytes(buffer[:len(MAGIC)]) != MAGIC:
                raise DecryptionError('not an encrypted backup stream')
            prefix = bytes(buffer[len(MAGIC):len(MAGIC) + _PREFIX_BYTES])
            del buffer[:len(MAGIC) + _PREFIX_BYTES]
        while len(buffer) >= _HEADER.size:
            if final:
                raise DecryptionError('data after the final frame')
            length, flags = _HEADER.unpack_from(buffer)
            if length < _TAG_BYTES or length > MAX_FRAME:
                raise DecryptionError('corrupt frame length %d' % length)
            end = _HEADER.size + length
            if len(buffer) < end:
                break
            header = bytes(buffer[:_HEADER.size])
            try:
                plaintext = cipher.decrypt(
                    _nonce(prefix, counter), bytes(buffer[_HEADER.size:end]),
                    header + struct.pack('>I', counter))
            except Exception:
                raise DecryptionError('frame %d does not authenticate: '
                                      'wrong key or corrupt data' % counter)
            del buffer[:end]
            counter += 1
            final = bool(flags & _FINAL)
            if plaintext:
                yield plaintext
    if not final or buffer:
        raise DecryptionError('the encrypted stream is truncated')
