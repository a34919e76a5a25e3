"""python-troveclient's databases, users and root managers, and the
`openstack database user/db/root` commands, against the app in process:
the real client's URLs, quoting and bodies reach the right guest calls."""
from unittest import mock

import pytest
from troveclient import exceptions
from troveclient.osc.v1 import database_root
from troveclient.osc.v1 import database_users
from troveclient.osc.v1 import databases as osc_databases

from trove.common import exception
from trove.tests.unit.api.conftest import create_active_instance
from trove.tests.unit.api.test_troveclient import trove  # noqa: F401


@pytest.fixture
def instance_id(api):
    return create_active_instance(api, name='inst')


def _run(command_class, trove_client, *argv):
    """An OSC command's take_action, as `openstack database ...` runs it."""
    app = mock.Mock()
    app.client_manager.database = trove_client
    command = command_class(app, None)
    parsed = command.get_parser('openstack').parse_args(list(argv))
    return command.take_action(parsed)


def test_databases(trove, guest, instance_id):  # noqa: F811
    trove.databases.create(instance_id, [
        {'name': 'mydb', 'character_set': 'utf8mb4',
         'collate': 'utf8mb4_bin'}])
    guest.create_databases.assert_called_once_with([
        {'name': 'mydb', 'character_set': 'utf8mb4',
         'collate': 'utf8mb4_bin'}])
    guest.list_databases.return_value = [{'name': n} for n in ('b', 'a',
                                                               'c')]
    page = trove.databases.list(instance_id, limit=2)
    assert [d.name for d in page] == ['a', 'b']
    assert page.next == 'b'
    assert [d.name for d in trove.databases.list(
        instance_id, marker=page.next)] == ['c']
    trove.databases.delete(instance_id, 'mydb')
    guest.delete_database.assert_called_once_with('mydb')
    with pytest.raises(exceptions.BadRequest):
        trove.databases.create(instance_id, [{'name': 'mysql'}])


def test_database_commands(trove, guest, instance_id):  # noqa: F811
    _run(osc_databases.CreateDatabase, trove, 'inst', 'appdb',
         '--character_set', 'utf8mb4')
    guest.create_databases.assert_called_once_with([
        {'name': 'appdb', 'character_set': 'utf8mb4', 'collate': None}])
    guest.list_databases.return_value = [{'name': 'appdb'}]
    columns, rows = _run(osc_databases.ListDatabases, trove, 'inst')
    assert list(rows) == [('appdb',)]
    _run(osc_databases.DeleteDatabase, trove, 'inst', 'appdb')
    guest.delete_database.assert_called_once_with('appdb')


def test_users(trove, guest, instance_id):  # noqa: F811
    trove.users.create(instance_id, [
        {'name': 'u', 'password': 'p', 'host': '10.0.0.%',
         'databases': [{'name': 'mydb'}]}])
    guest.create_users.assert_called_once_with([
        {'name': 'u', 'host': '10.0.0.%', 'password': 'p',
         'databases': [{'name': 'mydb'}]}])
    guest.list_users.return_value = [
        {'name': 'u', 'host': '10.0.0.%', 'databases': [{'name': 'mydb'}]}]
    [listed] = trove.users.list(instance_id)
    assert (listed.name, listed.host, listed.databases) == (
        'u', '10.0.0.%', [{'name': 'mydb'}])
    guest.get_user.return_value = guest.list_users.return_value[0]
    # The client quotes "u@10.0.0.%" as u%4010%2e0%2e0%2e%25.
    shown = trove.users.get(instance_id, 'u', hostname='10.0.0.%')
    guest.get_user.assert_called_once_with('u', '10.0.0.%')
    assert shown.databases == [{'name': 'mydb'}]
    trove.users.update_attributes(instance_id, 'u', {'name': 'v.w'},
                                  hostname='10.0.0.%')
    guest.update_user.assert_called_once_with(
        'u', '10.0.0.%', new_name='v.w', new_password=None, new_host=None)
    trove.users.change_passwords(instance_id, [{'name': 'v.w',
                                                'password': 'q'}])
    guest.change_passwords.assert_called_once_with([
        {'name': 'v.w', 'host': '%', 'password': 'q'}])
    trove.users.delete(instance_id, 'v.w', '%')
    guest.delete_user.assert_called_once_with('v.w', '%')


def test_user_access(trove, guest, instance_id):  # noqa: F811
    trove.users.grant(instance_id, 'u', ['a', 'b'], hostname='%')
    guest.grant_access.assert_called_once_with('u', '%', ['a', 'b'])
    guest.list_access.return_value = [{'name': 'a'}, {'name': 'b'}]
    assert [d.name for d in trove.users.list_access(instance_id, 'u')] == [
        'a', 'b']
    trove.users.revoke(instance_id, 'u', 'a')
    guest.revoke_access.assert_called_once_with('u', '%', 'a')


def test_user_commands(trove, guest, instance_id):  # noqa: F811
    _run(database_users.CreateDatabaseUser, trove, 'inst', 'app', 'secret',
         '--host', '%', '--databases', 'a', 'b')
    guest.create_users.assert_called_once_with([
        {'name': 'app', 'host': '%', 'password': 'secret',
         'databases': [{'name': 'a'}, {'name': 'b'}]}])
    guest.list_users.return_value = [
        {'name': 'app', 'host': '%', 'databases': [{'name': 'a'},
                                                   {'name': 'b'}]}]
    columns, rows = _run(database_users.ListDatabaseUsers, trove, 'inst')
    assert rows == [('app', '%', 'a, b')]
    guest.get_user.return_value = guest.list_users.return_value[0]
    keys, values = _run(database_users.ShowDatabaseUser, trove, 'inst',
                        'app')
    assert dict(zip(keys, values))['host'] == '%'
    _run(database_users.GrantDatabaseUserAccess, trove, 'inst', 'app', 'c')
    guest.grant_access.assert_called_once_with('app', '%', ['c'])
    guest.list_access.return_value = [{'name': 'c'}]
    columns, rows = _run(database_users.ShowDatabaseUserAccess, trove,
                         'inst', 'app')
    assert rows == [('c',)]
    _run(database_users.RevokeDatabaseUserAccess, trove, 'inst', 'app', 'c')
    guest.revoke_access.assert_called_once_with('app', '%', 'c')
    _run(database_users.UpdateDatabaseUserAttributes, trove, 'inst', 'app',
         '--new_password', 'other', '--new_host', '10.%')
    guest.update_user.assert_called_once_with(
        'app', '%', new_name=None, new_password='other', new_host='10.%')
    _run(database_users.DeleteDatabaseUser, trove, 'inst', 'app')
    guest.delete_user.assert_called_once_with('app', '%')


def test_root(trove, guest, instance_id):  # noqa: F811
    assert trove.root.is_root_enabled(instance_id).rootEnabled is False
    name, password = trove.root.create(instance_id)
    assert name == 'root' and password
    guest.enable_root.assert_called_once_with(password)
    assert trove.root.create_instance_root(instance_id, 'chosen') == (
        'root', 'chosen')
    guest.enable_root.assert_called_with('chosen')
    assert trove.root.is_instance_root_enabled(instance_id).rootEnabled
    trove.root.delete(instance_id)
    guest.disable_root.assert_called_once_with()


def test_root_commands(trove, guest, instance_id):  # noqa: F811
    keys, values = _run(database_root.ShowDatabaseRoot, trove, 'inst')
    assert dict(zip(keys, values)) == {'is_root_enabled': False}
    keys, values = _run(database_root.EnableDatabaseRoot, trove, 'inst',
                        '--root_password', 'chosen')
    assert dict(zip(keys, values)) == {'name': 'root', 'password': 'chosen'}
    _run(database_root.DisableDatabaseRoot, trove, 'inst')
    guest.disable_root.assert_called_once_with()
    keys, values = _run(database_root.ShowDatabaseRoot, trove, 'inst')
    assert dict(zip(keys, values)) == {'is_root_enabled': True}


@pytest.mark.parametrize('error, client_error', [
    (exception.NotFound('No such user.'), exceptions.NotFound),
    (exception.Conflict('Exists.'), exceptions.Conflict),
    (exception.GuestTimeout(instance_id='x'), exceptions.ClientException),
])
def test_guest_errors_reach_the_client(trove, guest, instance_id,  # noqa
                                       error, client_error):
    guest.get_user.side_effect = error
    with pytest.raises(client_error) as raised:
        trove.users.get(instance_id, 'u')
    assert raised.value.http_status == error.code
    assert error.msg in str(raised.value)
