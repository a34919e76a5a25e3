"""The check trove-api runs before serving: an auth configuration that
cannot work is one clear message, not a 500 on every request."""
from keystoneauth1 import loading
import pytest

from trove.api.middleware import auth
from trove.conf import CONF

GOOD = '''
[DEFAULT]
auth_strategy = keystone
[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:5000/v3
auth_url = http://127.0.0.1:5000/v3
auth_type = password
username = trove
password = secret
user_domain_name = Default
project_name = service
project_domain_name = Default
'''


@pytest.fixture
def problem_of(tmp_path):
    def problem_of(text):
        path = tmp_path / 'trove.conf'
        path.write_text(text)
        CONF(['--config-file', str(path)], project='trove',
             default_config_files=[])
        return auth.configuration_problem()
    yield problem_of
    CONF.clear()
    # The plugin's options (auth_url is required) would make every later
    # parse of the process-wide CONF fail.
    CONF.unregister_opts(loading.get_auth_plugin_conf_options('password'),
                         group=auth.AUTHTOKEN_GROUP)


def _without(*names):
    return '\n'.join(line for line in GOOD.splitlines()
                     if line.split(' = ')[0] not in names)


def test_a_complete_keystone_configuration_passes(problem_of):
    assert problem_of(GOOD) is None


def test_noauth_needs_nothing(problem_of):
    assert problem_of('[DEFAULT]\nauth_strategy = noauth\n') is None


def test_an_empty_section_is_refused(problem_of):
    problem = problem_of('[DEFAULT]\nauth_strategy = keystone\n'
                         '[keystone_authtoken]\n')
    assert 'www_authenticate_uri is not set' in problem


def test_no_auth_type_is_refused(problem_of):
    assert 'auth_type is not set' in problem_of(_without('auth_type'))


def test_an_unknown_plugin_is_refused(problem_of):
    problem = problem_of(GOOD.replace('auth_type = password',
                                      'auth_type = passwd'))
    assert 'auth_type passwd is not a known' in problem


def test_missing_credentials_are_named(problem_of):
    problem = problem_of(_without('username', 'password'))
    assert 'misses username, password' in problem


def test_missing_auth_url_is_named(problem_of):
    assert 'auth-url' in problem_of(_without('auth_url')).replace('_', '-')


def test_an_unknown_strategy_is_refused(problem_of):
    problem = problem_of('[DEFAULT]\nauth_strategy = bogus\n')
    assert 'bogus' in problem


@pytest.mark.parametrize('host', ['0.0.0.0', '192.0.2.1', '::', 'db.example'])
def test_noauth_refuses_to_serve_beyond_loopback(problem_of, host):
    problem = problem_of('[DEFAULT]\nauth_strategy = noauth\n'
                         '[api]\nbind_host = %s\n' % host)
    assert 'bind_host must be a loopback address' in problem


@pytest.mark.parametrize('host', ['127.0.0.1', '127.9.9.9', '::1'])
def test_noauth_serves_loopback(problem_of, host):
    assert problem_of('[DEFAULT]\nauth_strategy = noauth\n'
                      '[api]\nbind_host = %s\n' % host) is None
