"""Links start with [api] public_endpoint, else the bound address; never
with the request's Host header."""
import pytest

from trove.conf import CONF
from trove.tests.unit.api.conftest import create_body
from trove.tests.unit.api.conftest import url


@pytest.fixture
def public_endpoint():
    CONF.set_override('public_endpoint', 'https://db.example.com/database',
                      group='api')
    yield 'https://db.example.com/database'
    CONF.clear_override('public_endpoint', group='api')


def _hrefs(body):
    found = []
    if isinstance(body, dict):
        if 'href' in body:
            found.append(body['href'])
        for value in body.values():
            found.extend(_hrefs(value))
    elif isinstance(body, list):
        for value in body:
            found.extend(_hrefs(value))
    return found


def test_links_ignore_the_host_header(api):
    body = api.get(url('/flavors'),
                   headers={'Host': 'evil.example.com'}).json
    hrefs = _hrefs(body) + _hrefs(api.get(
        '/', headers={'Host': 'evil.example.com'}).json)
    assert hrefs
    assert all(href.startswith('http://127.0.0.1:8779/') for href in hrefs)


def test_links_use_the_public_endpoint(api, public_endpoint):
    body = api.get(url('/flavors/2'),
                   headers={'Host': 'evil.example.com'}).json
    assert _hrefs(body) == [
        public_endpoint + '/v1.0/project-a/flavors/2',
        public_endpoint + '/flavors/2']
    version = api.get('/', headers={'Host': 'evil.example.com'}).json
    assert _hrefs(version) == [public_endpoint + '/v1.0/']


def test_next_page_link_uses_the_public_endpoint(
        api, taskmanager, public_endpoint):
    for name in ('db1', 'db2'):
        api.post_json(url('/instances'), create_body(name=name))
    body = api.get(url('/instances?limit=1'),
                   headers={'Host': 'evil.example.com'}).json
    marker = body['instances'][0]['id']
    assert body['links'] == [{
        'rel': 'next',
        'href': public_endpoint + '/v1.0/project-a/instances?limit=1'
                                  '&marker=' + marker}]


def test_an_ipv6_bind_address_is_bracketed(api):
    CONF.set_override('bind_host', '::1', group='api')
    try:
        hrefs = _hrefs(api.get(url('/flavors/2')).json)
        assert hrefs[0] == 'http://[::1]:8779/v1.0/project-a/flavors/2'
    finally:
        CONF.clear_override('bind_host', group='api')
