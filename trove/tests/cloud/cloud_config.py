"""The part of cloud-init the test cloud's servers need: a ``#cloud-config``
user data's ``write_files``, written below the server's root directory
(what a VM's / would be) and owned by the server's user.

Runs as root in a directory the server's user owns: every component is
created or opened without following symbolic links, so that nothing the
user put there redirects a write outside the server.
"""
import base64
import binascii
import gzip
import os

import yaml

DEFAULT_PERMISSIONS = 0o644


class UserDataError(ValueError):
    pass


def parse(user_data_b64):
    """The cloud-config dict of Nova's base64 user data ({} for none or
    for user data that is not cloud-config, as cloud-init ignores it)."""
    if not user_data_b64:
        return {}
    try:
        text = base64.b64decode(user_data_b64, validate=True)
    except (binascii.Error, ValueError) as error:
        raise UserDataError('user data is not base64: %s' % error)
    if text[:2] == b'\x1f\x8b':
        text = gzip.decompress(text)
    text = text.decode('utf-8', 'replace')
    if not text.startswith('#cloud-config'):
        return {}
    try:
        config = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise UserDataError('cloud-config is not YAML: %s' % error)
    return config if isinstance(config, dict) else {}


def _content(entry):
    content = entry.get('content', '')
    encoding = (entry.get('encoding') or '').lower()
    raw = content.encode() if isinstance(content, str) else bytes(content)
    if encoding in ('b64', 'base64'):
        return base64.b64decode(raw)
    if encoding in ('gz+b64', 'gzip+base64', 'gz+base64', 'gzip+b64'):
        return gzip.decompress(base64.b64decode(raw))
    if encoding in ('gz', 'gzip'):
        return gzip.decompress(raw)
    if encoding not in ('', 'text/plain'):
        raise UserDataError('unknown write_files encoding %r' % encoding)
    return raw


def _permissions(entry):
    value = entry.get('permissions')
    if value is None:
        return DEFAULT_PERMISSIONS
    try:
        return int(str(value), 8) & 0o7777
    except ValueError:
        raise UserDataError('permissions %r are not octal' % (value,))


def _open_parent(root, relative, uid, gid):
    """A descriptor of the file's directory below ``root``, made as
    needed (0755, the user's) and never reached through a link."""
    parts = [p for p in relative.split('/') if p]
    if not parts or any(p in ('.', '..') for p in parts):
        raise UserDataError('write_files path %r is not usable' % relative)
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        for name in parts[:-1]:
            try:
                os.mkdir(name, 0o755, dir_fd=fd)
                made = True
            except FileExistsError:
                made = False
            child = os.open(name, os.O_RDONLY | os.O_DIRECTORY |
                            os.O_NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = child
            if made:  # mkdir's mode went through the caller's umask
                os.fchown(fd, uid, gid)
                os.fchmod(fd, 0o755)
    except BaseException:
        os.close(fd)
        raise
    return fd, parts[-1]


def write_files(config, root, uid, gid):
    """Write every write_files entry; returns the paths written (as the
    server sees them)."""
    written = []
    for entry in config.get('write_files') or []:
        if not isinstance(entry, dict) or not entry.get('path'):
            raise UserDataError('a write_files entry needs a path')
        data = _content(entry)
        mode = _permissions(entry)
        parent, name = _open_parent(root, entry['path'], uid, gid)
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | (
                os.O_APPEND if entry.get('append') else os.O_TRUNC)
            fd = os.open(name, flags, 0o600, dir_fd=parent)
            with os.fdopen(fd, 'wb') as target:
                os.fchown(target.fileno(), uid, gid)
                os.fchmod(target.fileno(), mode)
                target.write(data)
        finally:
            os.close(parent)
        written.append(entry['path'])
    return written


def server_path(root, path):
    """Where a path of the server is on this host."""
    return os.path.join(root, path.lstrip('/'))
