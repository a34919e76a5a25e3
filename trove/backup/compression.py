"""Streaming compression of backups: zstd when the zstandard package is
installed, else gzip. The algorithm is recorded with each backup, so a
restore decompresses whatever its backup was written with."""
import zlib

from trove.conf import CONF

try:
    import zstandard
except ImportError:  # pragma: no cover - exercised where it is missing
    zstandard = None

ZSTD = 'zstd'
GZIP = 'gzip'
# gzip framing (wbits 16 + 15): readable by the gzip tool as well.
_GZIP_WBITS = 31


def default_algorithm():
    configured = CONF.backup.compression
    if configured == 'auto':
        return ZSTD if zstandard is not None else GZIP
    return configured


def suffix(algorithm):
    return {ZSTD: 'zst', GZIP: 'gz'}[algorithm]


def _compressor(algorithm):
    if algorithm == ZSTD:
        if zstandard is None:
            raise RuntimeError('zstd needs the zstandard package')
        return zstandard.ZstdCompressor(
            level=CONF.backup.zstd_level,
            threads=CONF.backup.zstd_threads).compressobj()
    if algorithm == GZIP:
        return zlib.compressobj(6, zlib.DEFLATED, _GZIP_WBITS)
    raise ValueError('unknown compression %r' % algorithm)


def _decompressor(algorithm):
    if algorithm == ZSTD:
        if zstandard is None:
            raise RuntimeError('zstd needs the zstandard package')
        return zstandard.ZstdDecompressor().decompressobj()
    if algorithm == GZIP:
        return zlib.decompressobj(_GZIP_WBITS)
    raise ValueError('unknown compression %r' % algorithm)


def compress(chunks, algorithm):
    compressor = _compressor(algorithm)
    for chunk in chunks:
        out = compressor.compress(chunk)
        if out:
            yield out
    out = compressor.flush()
    if out:
        yield out


def decompress(chunks, algorithm):
    decompressor = _decompressor(algorithm)
    for chunk in chunks:
        out = decompressor.decompress(chunk)
        if out:
            yield out
    if algorithm == GZIP:
        out = decompressor.flush()
        if out:
            yield out
        if not decompressor.eof:
            raise ValueError('the compressed stream is truncated')
    elif not decompressor.eof:
        raise ValueError('the compressed stream is truncated')
