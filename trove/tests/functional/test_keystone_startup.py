"""trove-api, given the deployment's own trove.conf with a broken
[keystone_authtoken], refuses to start with one clear message instead of
serving 500s."""
import configparser
import os
import subprocess

import pytest

from trove.tests.functional import deployment as deployment_module

SPARE_PORT = '18788'  # never bound: the check runs before gunicorn


def _broken_copy(deployment, tmp_path, change):
    config = configparser.ConfigParser(interpolation=None)
    config.read(deployment.config_file)
    change(config)
    config['api']['bind_port'] = SPARE_PORT
    path = tmp_path / 'trove.conf'
    with open(path, 'w') as f:
        config.write(f)
    return str(path)


def _empty(config):
    config.remove_section('keystone_authtoken')
    config.add_section('keystone_authtoken')


def _no_password(config):
    config.remove_option('keystone_authtoken', 'password')


@pytest.mark.parametrize('change, message', [
    (_empty, 'www_authenticate_uri is not set'),
    (_no_password, 'misses password'),
])
def test_broken_keystone_authtoken_stops_trove_api(keystone_deployment,
                                                   tmp_path, change,
                                                   message):
    config_file = _broken_copy(keystone_deployment, tmp_path, change)
    result = subprocess.run(
        [os.path.join(deployment_module.VENV_BIN, 'trove-api'),
         '--config-file', config_file],
        capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert 'trove-api cannot start' in result.stderr
    assert message in result.stderr
    assert 'Traceback' not in result.stderr
