"""postgresql.conf, pg_hba.conf, pg_ident.conf: paths from the layout,
sizes from the flavor, and the binaries of the version."""
import os
import re

import pytest

from trove.common import pg_paths
from trove.guestagent.datastores import base
from trove.guestagent.datastores.common import process as common_process
from trove.guestagent.datastores.postgresql import config
from trove.guestagent.datastores.postgresql import layout as pg_layout


def _settings(tmp_path, ram=1024, vcpus=1, address='127.77.0.5'):
    return base.GuestSettings(
        instance_id='inst-1', address=address,
        instance_dir=str(tmp_path / 'inst'), volume_path=str(tmp_path / 'vol'),
        flavor_ram=ram, flavor_vcpus=vcpus, version='15', template_path=None)


def _conf(text):
    """{name: value} of a postgresql.conf, quotes removed."""
    found = {}
    for line in text.splitlines():
        match = re.match(r"^(\w+) = '?([^']*)'?$", line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def _rendered(settings):
    layout = pg_layout.Layout(settings)
    return layout, config.render(settings, layout)


def test_paths_address_and_port(tmp_path):
    layout, files = _rendered(_settings(tmp_path))
    conf = _conf(files[layout.config_file])
    assert conf['listen_addresses'] == '127.77.0.5'
    assert conf['port'] == '5432'
    assert conf['data_directory'] == str(tmp_path / 'vol' / 'data')
    assert conf['unix_socket_directories'] == str(
        tmp_path / 'inst/postgresql/run')
    # Under run/, where the compute driver looks for pid files.
    assert conf['external_pid_file'] == str(
        tmp_path / 'inst/postgresql/run/postgres.pid')
    assert conf['hba_file'] == layout.hba_file
    assert conf['password_encryption'] == 'scram-sha-256'


def test_hba_wants_passwords_over_tcp_and_peer_on_the_socket(tmp_path):
    layout, files = _rendered(_settings(tmp_path))
    rules = [line.split() for line in files[layout.hba_file].splitlines()
             if line and not line.startswith('#')]
    assert rules[0] == ['local', 'all', 'postgres', 'peer', 'map=agent']
    # pg_basebackup of the agent's backups, on the socket only.
    assert rules[1] == ['local', 'replication', 'postgres', 'peer',
                        'map=agent']
    assert ['host', 'all', 'all', '127.0.0.0/8', 'scram-sha-256'] in rules
    assert all(rule[-1] == 'scram-sha-256' for rule in rules[2:])
    assert not any('trust' in rule for rule in rules)
    ident = [line.split() for line in files[layout.ident_file].splitlines()
             if line and not line.startswith('#')]
    assert ['agent', 'root', 'postgres'] in ident


@pytest.mark.parametrize('ram,shared,connections', [
    (256, '64MB', 32),
    (512, '128MB', 64),
    (2048, '512MB', 256),
    (8192, '2048MB', 500),      # connections are processes: capped
])
def test_sizes_follow_the_flavor(tmp_path, ram, shared, connections):
    layout, files = _rendered(_settings(tmp_path, ram=ram))
    conf = _conf(files[layout.config_file])
    assert conf['shared_buffers'] == shared
    assert int(conf['max_connections']) == connections
    assert int(conf['effective_cache_size'][:-2]) == ram * 3 // 4


def test_work_mem_fits_the_rest_of_the_ram():
    for ram in (128, 512, 4096, 65536):
        sizes = config.sizes(ram, 2)
        per_connection_kb = sizes['work_mem_kb'] * 3
        assert sizes['work_mem_kb'] >= 1024
        assert (per_connection_kb * sizes['max_connections'] // 1024
                <= max(ram, 3 * sizes['max_connections']))


@pytest.mark.parametrize('address', ['127.0.0.1\nlisten_addresses = *',
                                     "127.0.0.1' x", 'localhost', ''])
def test_address_must_be_an_ip(tmp_path, address):
    with pytest.raises(ValueError):
        _rendered(_settings(tmp_path, address=address))


def test_quote_in_a_path_is_refused(tmp_path):
    settings = _settings(tmp_path)
    settings.instance_dir = str(tmp_path / "it's")
    with pytest.raises(ValueError):
        _rendered(settings)


def test_write_renders_every_file(tmp_path):
    settings = _settings(tmp_path)
    layout = pg_layout.Layout(settings)
    os.makedirs(layout.base_dir)
    config.write(settings, layout)
    for path in (layout.config_file, layout.hba_file, layout.ident_file):
        assert os.stat(path).st_mode & 0o777 == 0o644


def test_bin_dir_of_the_version(tmp_path, monkeypatch):
    for major in ('13', '15'):
        os.makedirs(tmp_path / major / 'bin')
        (tmp_path / major / 'bin' / 'postgres').write_text('')
    monkeypatch.setattr(pg_paths, 'VERSIONED_BIN_DIRS',
                        str(tmp_path / '*' / 'bin'))
    monkeypatch.setenv('PATH', str(tmp_path / 'nothing'))
    assert pg_layout.bin_dir('13') == str(tmp_path / '13' / 'bin')
    assert pg_layout.bin_dir('15.4') == str(tmp_path / '15' / 'bin')
    assert pg_layout.bin_dir(None) == str(tmp_path / '15' / 'bin')
    assert [v for v, _ in pg_layout.versioned_bin_dirs()] == [13, 15]
    with pytest.raises(common_process.EngineError, match='PostgreSQL 16'):
        pg_layout.bin_dir('16')
