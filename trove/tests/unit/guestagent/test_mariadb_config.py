"""my.cnf rendering: paths from the layout, sizes from the flavor."""
import configparser
import os

import pytest

from trove.guestagent.datastores import base
from trove.guestagent.datastores.mariadb import config
from trove.guestagent.datastores.mariadb import layout as mariadb_layout


def _settings(tmp_path, ram=1024, vcpus=1, version='10.11', template_path=None,
              address='127.77.0.5'):
    return base.GuestSettings(
        instance_id='inst-1', address=address,
        instance_dir=str(tmp_path / 'inst'), volume_path=str(tmp_path / 'vol'),
        flavor_ram=ram, flavor_vcpus=vcpus, version=version,
        template_path=template_path)


def _render(settings):
    text = config.render(settings, mariadb_layout.Layout(settings))
    parser = configparser.ConfigParser(allow_no_value=True,
                                       interpolation=None)
    parser.read_string(text)
    return parser['mysqld']


def test_paths_and_address(tmp_path):
    mysqld = _render(_settings(tmp_path))
    assert mysqld['bind-address'] == '127.77.0.5'
    assert mysqld['port'] == '3306'
    assert mysqld['datadir'] == str(tmp_path / 'vol' / 'data')
    assert mysqld['socket'] == str(tmp_path / 'inst/mariadb/run/mysqld.sock')
    assert mysqld['pid-file'] == str(tmp_path / 'inst/mariadb/run/mysqld.pid')
    assert mysqld['log-error'] == str(tmp_path / 'inst/mariadb/log/error.log')
    assert 'skip-name-resolve' in mysqld


@pytest.mark.parametrize('ram,pool,connections', [
    (128, '32M', 50),       # the smallest pool worth running
    (512, '128M', 100),
    (1024, '256M', 200),
    (4096, '1024M', 800),
])
def test_sizes_follow_the_flavor(tmp_path, ram, pool, connections):
    mysqld = _render(_settings(tmp_path, ram=ram))
    assert mysqld['innodb_buffer_pool_size'] == pool
    assert int(mysqld['max_connections']) == connections


def test_sizes_grow_with_ram():
    small, large = config.sizes(512, 1), config.sizes(8192, 4)
    for key in ('buffer_pool_mb', 'log_file_mb', 'max_connections'):
        assert large[key] > small[key]


@pytest.mark.parametrize('address', ['127.0.0.1\nskip-grant-tables',
                                     'localhost', ''])
def test_address_must_be_an_ip(tmp_path, address):
    with pytest.raises(ValueError):
        _render(_settings(tmp_path, address=address))


def test_version_template_wins(tmp_path):
    templates = tmp_path / 'templates'
    os.makedirs(templates / 'mariadb' / '11.4')
    (templates / 'mariadb' / 'my.cnf.j2').write_text(
        '[mysqld]\nport = {{ port }}\n')
    (templates / 'mariadb' / '11.4' / 'my.cnf.j2').write_text(
        '[mysqld]\nport = {{ port }}\nversion-specific\n')
    assert 'version-specific' in _render(_settings(
        tmp_path, version='11.4', template_path=str(templates)))
    assert 'version-specific' not in _render(_settings(
        tmp_path, version='10.11', template_path=str(templates)))


def test_write_is_world_readable(tmp_path):
    settings = _settings(tmp_path)
    layout = mariadb_layout.Layout(settings)
    os.makedirs(layout.base_dir)
    path = config.write(settings, layout)
    assert os.stat(path).st_mode & 0o777 == 0o644
    assert 'bind-address = 127.77.0.5' in open(path).read()
