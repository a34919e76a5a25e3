"""postgresql.conf, pg_hba.conf and pg_ident.conf from Jinja2 templates,
sized by the flavor; rendered at every start."""
from trove.guestagent.datastores.common import template
from trove.guestagent.datastores.postgresql import layout as pg_layout

ENGINE = 'postgresql'


def sizes(ram_mb, vcpus):
    """Memory settings for a flavor.

    A quarter of the RAM for shared_buffers, as PostgreSQL's own guidance
    says; the page cache holds most of the rest, which is what
    effective_cache_size tells the planner. Each connection is a process
    with its own work_mem: their number follows the RAM, and work_mem is
    what is left spread over three sorts per connection.
    """
    shared_buffers_mb = max(16, ram_mb // 4)
    max_connections = max(20, min(500, ram_mb // 8))
    work_mem_kb = max(1024, (ram_mb - shared_buffers_mb) * 1024
                      // (max_connections * 3))
    return {
        'ram_mb': ram_mb,
        'vcpus': vcpus,
        'shared_buffers_mb': shared_buffers_mb,
        'effective_cache_size_mb': max(64, ram_mb * 3 // 4),
        'max_connections': max_connections,
        'work_mem_kb': work_mem_kb,
        'maintenance_work_mem_mb': max(16, ram_mb // 16),
        'max_worker_processes': max(8, vcpus * 2),
        'max_parallel_workers_per_gather': max(0, min(4, vcpus // 2)),
    }


def _path(value):
    # Paths go between single quotes in postgresql.conf.
    if "'" in value or '\n' in value:
        raise ValueError('unusable path for postgresql.conf: %r' % value)
    return value


def values(settings, layout):
    result = sizes(settings.flavor_ram, settings.flavor_vcpus)
    result.update(
        address=template.checked_address(settings.address),
        port=pg_layout.PORT, superuser=pg_layout.ENGINE_USER,
        system_user=layout.engine_user,
        datadir=_path(layout.datadir), hba_file=_path(layout.hba_file),
        ident_file=_path(layout.ident_file),
        socket_dir=_path(layout.socket_dir), pid_file=_path(layout.pid_file),
        overrides_file=_path(layout.overrides_file))
    return result


def render(settings, layout):
    """{path: text} of every config file."""
    given = values(settings, layout)
    return {path: template.render(settings, ENGINE, name, given)
            for path, name in ((layout.config_file, 'postgresql.conf.j2'),
                               (layout.hba_file, 'pg_hba.conf.j2'),
                               (layout.ident_file, 'pg_ident.conf.j2'))}


def write(settings, layout):
    """World-readable: they hold no secret, and a server started by a root
    agent reads them as postgres."""
    for path, text in render(settings, layout).items():
        template.write(path, text)
    return layout.config_file
