"""redis.conf from a Jinja2 template, sized by the flavor; rendered at
every start."""
from trove.guestagent.datastores.common import template
from trove.guestagent.datastores.redis import layout as redis_layout

ENGINE = 'redis'
TEMPLATE = 'redis.conf.j2'


def sizes(ram_mb, vcpus):
    """Half the RAM for data: a rewrite of the append-only file forks, and
    the child's copy-on-write pages, client buffers and the agent share the
    flavor's memory limit with the dataset."""
    return {
        'ram_mb': ram_mb,
        'vcpus': vcpus,
        'maxmemory_mb': max(16, ram_mb // 2),
        # A client costs a file descriptor and ~20 KB of buffers at least.
        'maxclients': max(128, min(10000, ram_mb * 2)),
    }


def _value(value):
    # redis.conf splits on spaces and knows no escapes that help here.
    if any(c.isspace() for c in value) or '"' in value or "'" in value:
        raise ValueError('unusable path for redis.conf: %r' % value)
    return value


def render(settings, layout):
    values = sizes(settings.flavor_ram, settings.flavor_vcpus)
    values.update(
        address=template.checked_address(settings.address),
        port=redis_layout.PORT, datadir=_value(layout.datadir),
        acl_file=_value(layout.acl_file), socket=_value(layout.socket),
        pid_file=_value(layout.pid_file), log_file=_value(layout.error_log),
        overrides_file=_value(layout.overrides_file))
    return template.render(settings, ENGINE, TEMPLATE, values)


def write(settings, layout):
    """Root-owned, world-readable: no secret in it (users and passwords
    are in the ACL file), and Redis never rewrites it (no CONFIG REWRITE:
    the next start renders it again)."""
    return template.write(layout.config_file, render(settings, layout))
