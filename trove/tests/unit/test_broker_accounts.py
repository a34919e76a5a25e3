"""The management API requests that make and remove a guest's account
(the HTTP side stubbed; the functional tests run them against RabbitMQ)."""
import io
import json
from unittest import mock
from urllib import error as url_error

import pytest

from trove.common import broker_accounts
from trove.common import exception
from trove.common.rpc import guest_bus
from trove.conf import CONF

A = '6abac9ff-9204-4812-a0b0-6b34e7ee68fb'


@pytest.fixture
def bus():
    CONF.set_override('transport_url',
                      'rabbit://ctl:s3cret@127.0.0.1:5689/trove-guests',
                      group='guest_bus')
    CONF.set_override('management_url', 'http://127.0.0.1:25689/',
                      group='guest_bus')
    calls = []

    def urlopen(req, timeout):
        calls.append((req.get_method(), req.full_url,
                      json.loads(req.data) if req.data else None,
                      req.get_header('Authorization')))
        if req.get_method() == 'DELETE' and 'queues' in req.full_url:
            raise url_error.HTTPError(req.full_url, 404, 'Not Found', {},
                                      io.BytesIO())
        answer = mock.MagicMock()
        answer.__enter__.return_value.read.return_value = b'[]'
        return answer

    with mock.patch('urllib.request.urlopen', side_effect=urlopen):
        yield calls
    CONF.clear_override('transport_url', group='guest_bus')
    CONF.clear_override('management_url', group='guest_bus')


def test_without_a_guest_bus_guests_share_the_control_url():
    account = broker_accounts.ensure_guest(A, 'key', 'guestagent.' + A)
    assert account.transport_url == CONF.transport_url


def test_ensure_makes_the_account_exchange_and_binding(bus):
    account = broker_accounts.ensure_guest(A, 'key', 'guestagent.' + A)
    base = 'http://127.0.0.1:25689/api/'
    user = 'instance-' + A
    assert [(method, url) for method, url, _, _ in bus] == [
        ('PUT', base + 'users/' + user),
        ('PUT', base + 'permissions/trove-guests/' + user),
        ('PUT', base + 'exchanges/trove-guests/guest.' + A),
        ('POST', base + 'bindings/trove-guests/e/guest.%s/e/trove' % A)]
    assert bus[0][2]['password'] == guest_bus.password('key')
    assert bus[1][2] == guest_bus.permissions(A, 'guestagent.' + A)
    assert bus[2][2] == {'type': 'topic', 'durable': False,
                         'auto_delete': False}
    assert bus[3][2] == {'routing_key': 'trove-conductor'}
    assert all(auth.startswith('Basic ') for _, _, _, auth in bus)
    assert account.transport_url == 'rabbit://%s:%s@127.0.0.1:5689/' \
        'trove-guests' % (user, guest_bus.password('key'))
    assert account.control_exchange == 'guest.' + A


def test_the_control_exchange_is_declared_if_the_conductor_has_not(bus):
    real = broker_accounts._api
    refused = []

    def first_binding_missing(method, path, body=None, **kwargs):
        if method == 'POST' and not refused:
            refused.append(path)
            raise exception.NotFound('no exchange')
        return real(method, path, body, **kwargs)

    with mock.patch.object(broker_accounts, '_api',
                           side_effect=first_binding_missing):
        broker_accounts.ensure_guest(A, 'key', 'guestagent.' + A)
    assert [(method, url.rsplit('/', 2)[-1]) for method, url, _, _
            in bus][-2:] == [('PUT', 'trove'), ('POST', 'trove')]


def test_remove_skips_what_is_gone(bus):
    broker_accounts.remove_guest(A, 'guestagent.' + A)
    assert [method for method, _, _, _ in bus] == ['DELETE'] * 4


def test_a_refusal_names_the_request_not_the_secret(bus):
    with mock.patch('urllib.request.urlopen', side_effect=url_error.HTTPError(
            'u', 401, 'Unauthorized', {}, io.BytesIO())):
        with pytest.raises(exception.TroveError) as raised:
            broker_accounts.ensure_guest(A, 'key', 'guestagent.' + A)
    assert '401' in str(raised.value)
    assert 's3cret' not in str(raised.value)
