"""`openstack database configuration ...` and its parameter commands, run
by python-troveclient against the app in process."""
import json
from unittest import mock

import pytest
from troveclient import exceptions
from troveclient.osc.v1 import database_configurations as osc

from trove.configuration import parameters
from trove.tests.unit.api.conftest import create_active_instance
from trove.tests.unit.api.test_troveclient import trove  # noqa: F401


@pytest.fixture
def rules(catalog):
    parameters.load_shipped('mariadb', '10.11')


def _run(command_class, trove_client, *argv):
    app = mock.Mock()
    app.client_manager.database = trove_client
    command = command_class(app, None)
    parsed = command.get_parser('openstack').parse_args(list(argv))
    return command.take_action(parsed)


def _create(trove_client, name='cfg', values='{"max_connections": 300}'):
    columns, row = _run(osc.CreateDatabaseConfiguration, trove_client, name,
                        values, '--datastore', 'mariadb',
                        '--datastore-version', '10.11')
    return dict(zip(columns, row))


def test_create_show_list(trove, rules):  # noqa: F811
    created = _create(trove)
    assert json.loads(created['values']) == {'max_connections': 300}
    assert created['datastore_version_name'] == '10.11'
    columns, row = _run(osc.ShowDatabaseConfiguration, trove, 'cfg')
    assert dict(zip(columns, row))['id'] == created['id']
    columns, rows = _run(osc.ListDatabaseConfigurations, trove)
    assert [list(r) for r in rows] == [[
        created['id'], 'cfg', None, 'mariadb', '10.11', '10.11']]


def test_set_update_and_bad_values(trove, rules):  # noqa: F811
    created = _create(trove)
    _run(osc.SetDatabaseConfiguration, trove, created['id'],
         '{"wait_timeout": 30}')
    assert trove.configurations.get(created['id']).values == {
        'max_connections': 300, 'wait_timeout': 30}
    _run(osc.UpdateDatabaseConfiguration, trove, created['id'],
         '{"wait_timeout": 40}', '--name', 'new')
    shown = trove.configurations.get(created['id'])
    assert (shown.name, shown.values) == ('new', {'wait_timeout': 40})
    with pytest.raises(exceptions.BadRequest) as refused:
        _run(osc.SetDatabaseConfiguration, trove, created['id'],
             '{"wait_timeout": 0}')
    assert 'wait_timeout' in str(refused.value)


def test_attach_instances_detach_delete(trove, api, rules):  # noqa: F811
    instance_id = create_active_instance(api, name='inst')
    created = _create(trove)
    _run(osc.AttachDatabaseConfiguration, trove, 'inst', 'cfg')
    assert trove.instances.get(instance_id).configuration['id'] == \
        created['id']
    _columns, rows = _run(osc.ListDatabaseConfigurationInstances, trove,
                          'cfg')
    assert [list(r) for r in rows] == [[instance_id, 'inst']]
    with pytest.raises(Exception) as refused:
        _run(osc.DeleteDatabaseConfiguration, trove, 'cfg')
    assert 'attached' in str(refused.value)
    _run(osc.DetachDatabaseConfiguration, trove, 'inst')
    assert not hasattr(trove.instances.get(instance_id), 'configuration')
    _run(osc.DeleteDatabaseConfiguration, trove, 'cfg')
    assert trove.configurations.list() == []


def test_default(trove, api, guest, rules):  # noqa: F811
    create_active_instance(api, name='inst')
    guest.get_default_configuration.return_value = {'max_connections': 51}
    columns, row = _run(osc.DefaultDatabaseConfiguration, trove, 'inst')
    assert dict(zip(columns, row)) == {'max_connections': 51}


def test_parameters(trove, rules):  # noqa: F811
    columns, rows = _run(osc.ListDatabaseConfigurationParameters, trove,
                         '10.11', '--datastore', 'mariadb')
    by_name = {row[0]: row for row in rows}
    assert by_name['max_connections'] == (
        'max_connections', 'integer', 10, 100000, False)
    assert by_name['innodb_buffer_pool_size'][4] is True
    assert by_name['sql_mode'][2:4] == ('-', '-')
    version_id = trove.datastore_versions.get('mariadb', '10.11').id
    _columns, by_id = _run(osc.ListDatabaseConfigurationParameters, trove,
                           version_id)
    assert len(by_id) == len(rows)
    columns, row = _run(osc.ShowDatabaseConfigurationParameter, trove,
                        '10.11', 'long_query_time', '--datastore', 'mariadb')
    shown = dict(zip(columns, row))
    assert shown['type'] == 'float' and shown['min'] == 0
    assert shown['datastore_version_id'] == version_id
    with pytest.raises(exceptions.NotFound):
        trove.configuration_parameters.get_parameter_by_version(
            version_id, 'no_such_parameter')
