"""redis.conf: address, paths, durability and sizes from the flavor."""
import os

import pytest

from trove.guestagent.datastores import base
from trove.guestagent.datastores.redis import config
from trove.guestagent.datastores.redis import layout as redis_layout


def _settings(tmp_path, ram=1024, address='127.77.0.6'):
    return base.GuestSettings(
        instance_id='inst-1', address=address,
        instance_dir=str(tmp_path / 'inst'), volume_path=str(tmp_path / 'vol'),
        flavor_ram=ram, flavor_vcpus=1, version='7.0', template_path=None)


def _directives(settings):
    text = config.render(settings, redis_layout.Layout(settings))
    found = {}
    for line in text.splitlines():
        if line and not line.startswith('#'):
            key, _, value = line.partition(' ')
            assert key not in found, 'repeated directive %s' % key
            found[key] = value
    return found


def test_paths_address_and_durability(tmp_path):
    conf = _directives(_settings(tmp_path))
    assert conf['bind'] == '127.77.0.6'
    assert conf['port'] == '6379'
    assert conf['dir'] == str(tmp_path / 'vol' / 'data')
    assert conf['aclfile'] == str(tmp_path / 'vol' / 'data' / 'users.acl')
    assert conf['unixsocket'] == str(tmp_path / 'inst/redis/run/redis.sock')
    assert conf['pidfile'] == str(
        tmp_path / 'inst/redis/run/redis-server.pid')
    assert conf['daemonize'] == 'no'
    assert conf['appendonly'] == 'yes'
    assert conf['maxmemory-policy'] == 'noeviction'
    # Ignored with an ACL file: root is the ACL's default user.
    assert 'requirepass' not in conf


@pytest.mark.parametrize('ram,maxmemory', [(256, '128mb'), (512, '256mb'),
                                           (4096, '2048mb')])
def test_maxmemory_is_half_the_flavor(tmp_path, ram, maxmemory):
    assert _directives(_settings(tmp_path, ram=ram))['maxmemory'] == maxmemory


@pytest.mark.parametrize('address', ['127.0.0.1\nrequirepass x',
                                     '0.0.0.0 ::', 'localhost'])
def test_address_must_be_an_ip(tmp_path, address):
    with pytest.raises(ValueError):
        _directives(_settings(tmp_path, address=address))


def test_space_in_a_path_is_refused(tmp_path):
    settings = _settings(tmp_path)
    settings.volume_path = str(tmp_path / 'a volume')
    with pytest.raises(ValueError):
        _directives(settings)


def test_write(tmp_path):
    settings = _settings(tmp_path)
    layout = redis_layout.Layout(settings)
    os.makedirs(layout.base_dir)
    path = config.write(settings, layout)
    assert os.stat(path).st_mode & 0o777 == 0o644
