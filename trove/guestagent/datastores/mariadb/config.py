"""my.cnf: rendered from a Jinja2 template with sizes taken from the flavor."""
from trove.guestagent.datastores.common import template

PORT = 3306
TEMPLATE = 'my.cnf.j2'
default_template_dir = template.default_template_dir


def sizes(ram_mb, vcpus):
    """Memory settings for a flavor.

    A quarter of the RAM goes to the buffer pool: the rest covers per
    connection buffers, the OS page cache and the agent within the
    flavor's memory limit. 32 MB is the smallest pool worth running.
    """
    buffer_pool_mb = max(32, ram_mb // 4)
    # About one connection per 5 MB of RAM (a busy connection's buffers).
    max_connections = max(50, ram_mb * 100 // 512)
    return {
        'ram_mb': ram_mb,
        'vcpus': vcpus,
        'buffer_pool_mb': buffer_pool_mb,
        # A small redo log is created (and zero-filled) faster at prepare.
        'log_file_mb': max(16, buffer_pool_mb // 4),
        'max_connections': max_connections,
        'table_open_cache': min(2000, max(400, ram_mb)),
        'thread_cache_size': max(8, 8 * vcpus),
        'tmp_table_mb': max(16, ram_mb // 64),
    }


def render(settings, layout):
    values = sizes(settings.flavor_ram, settings.flavor_vcpus)
    values.update(
        address=template.checked_address(settings.address), port=PORT,
        datadir=layout.datadir, tmpdir=layout.tmpdir, socket=layout.socket,
        pid_file=layout.pid_file, error_log=layout.error_log,
        files_dir=layout.files_dir,
        overrides_file=layout.overrides_file)
    return template.render(settings, 'mariadb', TEMPLATE, values)


def write(settings, layout):
    """Render and replace my.cnf atomically (world-readable: it holds no
    secret, and an engine started as root reads it after dropping to its
    user)."""
    return template.write(layout.config_file, render(settings, layout))
