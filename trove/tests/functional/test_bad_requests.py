"""Bad input gets Trove's fault and creates nothing."""
import json
import os

import pytest
import requests
from troveclient import exceptions


def _instance_count(trove):
    return len(trove.instances.list())


@pytest.fixture(scope='module')
def version(trove):
    return trove.datastore_versions.list('mariadb')[0].name


@pytest.mark.parametrize('kwargs,error', [
    ({'flavor_id': 'no-such-flavor'}, exceptions.NotFound),
    ({'datastore': 'no-such-datastore'}, exceptions.NotFound),
    ({'datastore_version': '0.0-none'}, exceptions.NotFound),
    ({'volume': {'size': 0}}, exceptions.BadRequest),
    ({'volume': {'size': 100000}}, exceptions.BadRequest),
    ({'name': ''}, exceptions.BadRequest),
])
def test_bad_create_is_refused_and_creates_nothing(trove, version, kwargs,
                                                   error):
    request = dict(name='bad', flavor_id='2', volume={'size': 1},
                   datastore='mariadb', datastore_version=version)
    request.update(kwargs)
    before = _instance_count(trove)
    with pytest.raises(error):
        trove.instances.create(request.pop('name'), request.pop('flavor_id'),
                               **request)
    assert _instance_count(trove) == before


def test_unknown_instance_is_404(trove):
    with pytest.raises(exceptions.NotFound):
        trove.instances.get('7d4bc43c-0000-4000-8000-000000000000')


# What an attacker with an ordinary account sent (issue 13), as raw HTTP.

def _post(deployment, path, data, headers=None):
    return requests.post(deployment.endpoint('demo') + path, data=data,
                         headers=dict({'X-Auth-Token': 'demo',
                                       'Content-Type': 'application/json'},
                                      **(headers or {})), timeout=60)


def _assert_bad_request(response):
    assert response.status_code == 400, response.text
    assert response.json()['badRequest']['code'] == 400
    assert response.json()['badRequest']['message']


def _api_log(deployment):
    """trove-api's log file and its captured output."""
    text = ''
    log_dir = os.path.join(deployment.state_dir, 'log')
    for name in os.listdir(log_dir):
        if name.startswith('trove-api'):
            with open(os.path.join(log_dir, name), errors='replace') as log:
                text += log.read()
    return text


@pytest.mark.parametrize('body', ['null', '1', '[]', '"backup"'])
def test_a_backup_body_that_is_not_an_object_is_a_400(deployment, body):
    _assert_bad_request(_post(deployment, '/backups', body))


@pytest.mark.parametrize('path', ['/instances', '/backups',
                                  '/configurations'])
def test_deep_nesting_is_a_400(deployment, path):
    _assert_bad_request(_post(deployment, path, '[' * 1000 + ']' * 1000))


def test_a_body_too_large_is_a_413(deployment):
    response = _post(deployment, '/instances',
                     '{"x": "%s"}' % ('a' * 300000))
    assert response.status_code == 413
    assert response.json()['overLimit']['code'] == 413


@pytest.mark.parametrize('field', ['name', 'database', 'user'])
def test_a_lone_surrogate_in_a_name_is_a_400_and_creates_nothing(
        deployment, trove, version, field):
    instance = {'name': 'surrogate', 'flavorRef': '2',
                'volume': {'size': 1},
                'datastore': {'type': 'mariadb', 'version': version},
                'databases': [{'name': 'db'}],
                'users': [{'name': 'u', 'password': 'p4ssword'}]}
    raw = json.dumps({'instance': instance})
    raw = {'name': raw.replace('"surrogate"', '"\\ud800"'),
           'database': raw.replace('"db"', '"d\\ud800"'),
           'user': raw.replace('"u"', '"\\udfff"')}[field]
    before = _instance_count(trove)
    _assert_bad_request(_post(deployment, '/instances', raw))
    assert _instance_count(trove) == before


def test_invalid_utf8_is_a_400_without_a_traceback(deployment):
    url = deployment.endpoint('demo')
    responses = [
        requests.get(url + '/instances/%ff', timeout=60,
                     headers={'X-Auth-Token': 'demo'}),
        requests.get(url + '/instances?marker=%c3%28', timeout=60,
                     headers={'X-Auth-Token': 'demo'}),
        _post(deployment, '/backups', b'{"backup": {"name": "\xff"}}'),
    ]
    for response in responses:
        _assert_bad_request(response)
        assert 'UTF-8' in response.json()['badRequest']['message']
    log = _api_log(deployment)
    assert 'Traceback' not in log
    assert 'UnicodeDecodeError' not in log


def test_what_the_http_server_refuses_itself_is_a_fault_too(deployment):
    # Refused by gunicorn before any of trove-api's code runs.
    url = deployment.endpoint('demo') + '/instances?marker=' + 'x' * 6000
    response = requests.get(url, timeout=60,
                            headers={'X-Auth-Token': 'demo'})
    assert response.status_code == 414
    assert response.headers['Content-Type'] == 'application/json'
    assert response.json()['badRequest']['code'] == 414
    assert 'too large' in response.json()['badRequest']['message']


def test_links_never_come_from_the_host_header(deployment, trove):
    response = requests.get(deployment.endpoint('demo') + '/flavors',
                            headers={'X-Auth-Token': 'demo',
                                     'Host': 'attacker.example.com'},
                            timeout=60)
    links = [link['href'] for flavor in response.json()['flavors']
             for link in flavor['links']]
    assert links
    assert all(link.startswith('http://127.0.0.1:%d/'
                               % deployment.api_port) for link in links)


@pytest.mark.parametrize('options', [
    ['--is-public'],
    ['--allowed-cidr', '10.0.0.0/8'],
    ['--volume-type', 'no-such-type'],
    ['--nic', 'net-id=some-network'],
])
def test_options_the_deployment_cannot_honour_are_refused(
        deployment, trove, version, options):
    before = _instance_count(trove)
    result = deployment.cli(
        'database', 'instance', 'create', 'refused', '--flavor', '2',
        '--size', '1', '--datastore', 'mariadb', '--datastore-version',
        version, *options)
    assert result.returncode != 0
    assert 'cannot be honoured' in result.stderr + result.stdout or (
        'not offered' in result.stderr + result.stdout)
    assert '400' in result.stderr + result.stdout
    assert _instance_count(trove) == before
