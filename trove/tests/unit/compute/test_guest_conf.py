import os
import stat

from oslo_config import cfg

from trove.compute.local import guest_conf
from trove.conf import guest_agent

GUEST_CONFIG = {
    'guest_agent': {'datastore_manager': 'mariadb',
                    'rpc_encryption_key': 'k%ey$with#odd;chars'},
    'DEFAULT': {'transport_url': 'rabbit://u:p@host:5672/', 'debug': True},
    'mariadb': {'Mixed_Case': 'kept', 'multi': 'one\ntwo', 'unset': None},
}
AGENT_SETTINGS = {'instance_id': 'i1', 'address': '127.78.0.2',
                  'instance_dir': '/x/i1', 'volume_path': '/x/i1/volume',
                  'flavor_ram': 512, 'flavor_vcpus': 1}


def test_file_is_private_and_whole(tmp_path):
    path = str(tmp_path / 'guest.conf')
    # A draft left behind, readable by all, must not lend its mode.
    (tmp_path / 'guest.conf.draft').write_text('old')
    os.chmod(tmp_path / 'guest.conf.draft', 0o644)
    guest_conf.write(path, GUEST_CONFIG, AGENT_SETTINGS)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert not os.path.exists(path + '.draft')
    text = open(path).read()
    assert text.startswith('[DEFAULT]\n')
    assert 'unset' not in text


def test_content_round_trips(tmp_path):
    path = str(tmp_path / 'guest.conf')
    guest_conf.write(path, GUEST_CONFIG, AGENT_SETTINGS)
    sections = guest_conf.read(path)
    agent = sections['guest_agent']
    assert agent['datastore_manager'] == 'mariadb'
    assert agent['rpc_encryption_key'] == 'k%ey$with#odd;chars'
    for key, value in AGENT_SETTINGS.items():
        assert agent[key] == str(value)
    assert sections['DEFAULT']['debug'] == 'True'
    assert sections['mariadb'] == {'Mixed_Case': 'kept', 'multi': 'one\ntwo'}


def test_oslo_config_reads_it(tmp_path):
    path = str(tmp_path / 'guest.conf')
    guest_conf.write(path, {'guest_agent': {'datastore_version': '10.11'}},
                     AGENT_SETTINGS)
    conf = cfg.ConfigOpts()
    guest_agent.register_opts(conf)
    conf(args=['--config-file', path], default_config_files=[])
    assert conf.guest_agent.instance_id == 'i1'
    assert conf.guest_agent.volume_path == '/x/i1/volume'
    assert conf.guest_agent.flavor_ram == 512
    assert conf.guest_agent.datastore_version == '10.11'


def test_update_agent_settings_keeps_the_rest(tmp_path):
    path = str(tmp_path / 'guest.conf')
    guest_conf.write(path, GUEST_CONFIG, AGENT_SETTINGS)
    before = guest_conf.read(path)
    guest_conf.update_agent_settings(path, flavor_ram=2048, flavor_vcpus=4)
    after = guest_conf.read(path)
    assert after['guest_agent']['flavor_ram'] == '2048'
    assert after['guest_agent']['flavor_vcpus'] == '4'
    before['guest_agent'].update(flavor_ram='2048', flavor_vcpus='4')
    assert after == before
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
