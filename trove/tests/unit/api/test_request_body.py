"""Hostile bodies, paths and query strings are a 400 (or 413) in Trove's
fault format, with one log line and no traceback."""
import json
import logging

import pytest

from trove.api import request_body
from trove.common import exception
from trove.conf import CONF
from trove.tests.unit.api.conftest import create_body
from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault


def test_nesting_depth_ignores_brackets_inside_strings():
    assert request_body.nesting_depth('{"a": [[{}]], "b": "[[[[["}') == 4


@pytest.mark.parametrize('raw', [b'null', b'1', b'[]', b'"x"', b'true'])
def test_a_body_that_is_not_an_object_is_refused(raw):
    with pytest.raises(exception.BadRequest, match='JSON object'):
        request_body.parse(raw)


def test_a_lone_surrogate_is_refused_and_named():
    with pytest.raises(exception.BadRequest,
                       match=r"'instance.users\[0\].name' is not valid"):
        request_body.parse(
            b'{"instance": {"users": [{"name": "\\ud800"}]}}')


def test_a_lone_surrogate_in_a_key_is_refused():
    with pytest.raises(exception.BadRequest, match='lone surrogate'):
        request_body.parse(b'{"\\udfff": 1}')


def test_a_surrogate_pair_is_a_character_not_an_error():
    parsed = request_body.parse(b'{"a": "\\ud83d\\ude00"}')
    assert parsed == {'a': '\U0001f600'}


@pytest.mark.parametrize('path', ['/backups', '/instances', '/configurations',
                                  '/instances/x/databases',
                                  '/instances/x/users', '/instances/x/action'])
@pytest.mark.parametrize('body', ['null', '1', '[]'])
def test_every_endpoint_with_a_body_refuses_a_non_object(api, path, body):
    response = api.post(url(path), body, content_type='application/json',
                        expect_errors=True)
    assert_fault(response, 400, 'badRequest')


def test_deep_nesting_is_a_400_not_a_recursion_error(api):
    response = api.post(url('/instances'), '[' * 1000 + ']' * 1000,
                        content_type='application/json', expect_errors=True)
    assert 'deeper than' in assert_fault(response, 400, 'badRequest')


def test_a_body_over_the_size_limit_is_413(api):
    body = '{"a": "%s"}' % ('x' * (CONF.api.max_request_body_size + 1))
    response = api.post(url('/instances'), body,
                        content_type='application/json', expect_errors=True)
    assert_fault(response, 413, 'overLimit')


def test_a_lone_surrogate_in_an_instance_name_creates_nothing(api,
                                                              taskmanager):
    body = create_body(name='x')
    raw = json.dumps(body).replace('"x"', '"\\ud800"')
    response = api.post(url('/instances'), raw,
                        content_type='application/json', expect_errors=True)
    assert 'instance.name' in assert_fault(response, 400, 'badRequest')
    assert not taskmanager.create_instance.called
    assert api.get(url('/instances')).json['instances'] == []


def _errors(caplog):
    return [record for record in caplog.records
            if record.levelno >= logging.ERROR or record.exc_info]


@pytest.mark.parametrize('path', [
    '/instances/%ff',            # invalid UTF-8 in the path
    '/instances/%ed%a0%80',      # a UTF-8-encoded surrogate
    '/instances?marker=%ff',     # invalid UTF-8 in the query string
])
def test_invalid_utf8_is_a_400_with_one_line_and_no_traceback(api, caplog,
                                                              path):
    caplog.set_level(logging.INFO)
    response = api.get(url(path), expect_errors=True)
    assert 'not valid UTF-8' in assert_fault(response, 400, 'badRequest')
    refused = [record for record in caplog.records
               if 'not valid UTF-8' in record.getMessage()]
    assert len(refused) == 1
    assert not _errors(caplog)


def test_an_invalid_utf8_body_is_a_400_with_no_traceback(api, caplog):
    caplog.set_level(logging.INFO)
    response = api.post(url('/backups'), b'{"backup": "\xff"}',
                        content_type='application/json', expect_errors=True)
    assert 'not valid UTF-8' in assert_fault(response, 400, 'badRequest')
    assert not _errors(caplog)
