"""Trove's validation-rules format, the rules shipped per engine, and the
checks of a group's values against them."""
import json

import pytest

from trove.common import exception
from trove.configuration import rules
from trove.configuration import values

RULES = {rule.name: rule for rule in rules.parse({
    'configuration-parameters': [
        {'name': 'max_connections', 'restart_required': False,
         'min': 1, 'max': 100, 'type': 'integer'},
        {'name': 'long_query_time', 'restart_required': False, 'min': 0,
         'type': 'float'},
        {'name': 'slow_query_log', 'restart_required': False,
         'type': 'boolean'},
        {'name': 'sql_mode', 'restart_required': False, 'type': 'string'},
        {'name': 'innodb_buffer_pool_size', 'restart_required': True,
         'min': 5242880, 'max': 18446744073709551615, 'type': 'integer'},
    ]})}


@pytest.mark.parametrize('datastore,expected', [
    ('mariadb', ['max_connections', 'innodb_buffer_pool_size',
                 'wait_timeout', 'max_allowed_packet', 'long_query_time',
                 'slow_query_log', 'character_set_server']),
    ('postgresql', ['work_mem', 'maintenance_work_mem', 'max_connections',
                    'shared_buffers', 'log_min_duration_statement',
                    'statement_timeout']),
    ('redis', ['maxmemory', 'maxmemory-policy', 'timeout', 'appendfsync']),
])
def test_shipped_rules_parse_and_cover_the_basics(datastore, expected):
    shipped = {rule.name: rule
               for rule in rules.load(rules.rules_file(datastore))}
    assert set(expected) <= set(shipped)
    assert any(rule.restart_required for rule in shipped.values())


def test_restart_required_where_engines_need_it():
    mariadb = {r.name: r for r in rules.load(rules.rules_file('mariadb'))}
    postgresql = {r.name: r
                  for r in rules.load(rules.rules_file('postgresql'))}
    assert mariadb['innodb_buffer_pool_size'].restart_required
    assert not mariadb['max_connections'].restart_required
    assert postgresql['shared_buffers'].restart_required
    assert postgresql['max_connections'].restart_required
    assert not postgresql['work_mem'].restart_required


@pytest.mark.parametrize('document,complaint', [
    ({}, 'configuration-parameters'),
    ({'configuration-parameters': [{'name': 'a b', 'type': 'integer'}]},
     'invalid parameter name'),
    ({'configuration-parameters': [{'name': 'x', 'type': 'int'}]},
     'type must be'),
    ({'configuration-parameters': [{'name': 'x', 'type': 'integer',
                                    'min': 'low'}]}, 'min'),
    ({'configuration-parameters': [{'name': 'x', 'type': 'integer',
                                    'restart_required': 'no'}]},
     'restart_required'),
    ({'configuration-parameters': [{'name': 'x', 'type': 'integer'},
                                   {'name': 'x', 'type': 'string'}]},
     'twice'),
])
def test_malformed_rules_are_refused(document, complaint):
    with pytest.raises(ValueError) as refused:
        rules.parse(document)
    assert complaint in str(refused.value)


def test_malformed_json_file(tmp_path):
    path = tmp_path / 'rules.json'
    path.write_text('{not json')
    with pytest.raises(ValueError):
        rules.load(str(path))


def test_bounds_survive_text_exactly():
    for bound in (18446744073709551615, -1, 0, 2.5, None):
        assert rules.bound_value(rules.bound_text(bound)) == bound


@pytest.mark.parametrize('given', [
    {'max_connections': 50}, {'long_query_time': 2}, {'long_query_time': 0.5},
    {'slow_query_log': True}, {'sql_mode': 'STRICT_TRANS_TABLES,NO_ZERO'},
    {'innodb_buffer_pool_size': 18446744073709551615}, {},
])
def test_good_values(given):
    assert values.check(given, RULES, 'mariadb 10.11') == given


@pytest.mark.parametrize('given,words', [
    ({'nope': 1}, ['nope', 'not supported', 'mariadb 10.11']),
    ({'max_connections': '5'}, ['max_connections', 'integer']),
    ({'max_connections': 5.0}, ['max_connections', 'integer']),
    ({'max_connections': True}, ['max_connections', 'integer']),
    ({'slow_query_log': 1}, ['slow_query_log', 'boolean']),
    ({'long_query_time': 'x'}, ['long_query_time', 'float']),
    ({'long_query_time': float('nan')}, ['long_query_time', 'finite']),
    ({'max_connections': 0}, ['max_connections', 'minimum allowed: 1']),
    ({'max_connections': 101}, ['max_connections', 'maximum allowed: 100']),
    ({'long_query_time': -0.1}, ['long_query_time', 'minimum']),
    ({'sql_mode': "a'b"}, ['sql_mode', 'quotes']),
    ({'sql_mode': 'a\\b'}, ['sql_mode']),
    ({'sql_mode': 'a\nb'}, ['sql_mode']),
    ({'sql_mode': 'x' * 256}, ['sql_mode', 'longer']),
    ({'sql_mode': None}, ['sql_mode', 'string']),
])
def test_bad_values_name_the_parameter(given, words):
    with pytest.raises(exception.BadRequest) as refused:
        values.check(given, RULES, 'mariadb 10.11')
    for word in words:
        assert word in str(refused.value)


def test_values_must_be_an_object():
    with pytest.raises(exception.BadRequest):
        values.check(['max_connections'], RULES, 'mariadb 10.11')


def test_shipped_files_are_trove_format():
    with open(rules.rules_file('redis')) as shipped:
        document = json.load(shipped)
    entry = document['configuration-parameters'][0]
    assert set(entry) <= {'name', 'restart_required', 'min', 'max', 'type'}
