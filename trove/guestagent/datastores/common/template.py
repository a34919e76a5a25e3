"""Engine config files rendered from Jinja2 templates.

Templates live in <template_path>/<engine>/<file>.j2; a version may ship
its own (<engine>/<version>/<file>.j2), which wins.
"""
import ipaddress
import os

import jinja2

from trove.common import paths


def default_template_dir():
    """etc/trove/templates of the project this package was installed from."""
    return paths.etc_dir('templates')


def checked_address(address):
    """The address ends up in a config file: refuse anything but an
    address (a newline would add a directive)."""
    return str(ipaddress.ip_address(address))


def render(settings, engine, name, values):
    """Render ``<engine>/<name>`` with ``values``; a missing value is an
    error, not an empty string."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(
            settings.template_path or default_template_dir()),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        autoescape=False)
    candidates = ['%s/%s' % (engine, name)]
    if settings.version:
        candidates.insert(0, '%s/%s/%s' % (engine, settings.version, name))
    return env.select_template(candidates).render(**values)


def write(path, text, mode=0o644, owner=None):
    """Replace a config file atomically; ``owner`` (uid, gid) for files the
    engine itself rewrites."""
    tmp = path + '.tmp'
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, 'w') as f:
        os.fchmod(f.fileno(), mode)
        if owner is not None:
            os.fchown(f.fileno(), *owner)
        f.write(text)
    os.replace(tmp, path)
    return path
