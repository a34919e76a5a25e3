"""Reserved names are the engine's, from its version's capabilities: a
PostgreSQL user may be called 'mysql', a MariaDB one may not."""
from trove.db.api import datastores as datastores_db
from trove.db.api import instances as instances_db
from trove.instance.status import Task
from trove.tests.unit.api import conftest
from trove.tests.unit.api.test_faults import assert_fault


def _postgresql_instance(api):
    datastores_db.upsert_datastore('postgresql')
    datastores_db.upsert_version('postgresql', '15', 'postgresql')
    body = conftest.create_body(
        datastore={'type': 'postgresql', 'version': '15'})
    instance_id = api.post_json(conftest.url('/instances'),
                                body).json['instance']['id']
    instances_db.end_task(instance_id, Task.BUILDING)
    instances_db.update_service_status(instance_id, 'HEALTHY', sent=1.0)
    return instance_id


def _users(instance_id, path=''):
    return conftest.url('/instances/%s/users%s' % (instance_id, path))


def test_postgresql_user_may_be_called_mysql(api, guest):
    instance_id = _postgresql_instance(api)
    api.post_json(_users(instance_id),
                  {'users': [{'name': 'mysql', 'password': 'p',
                              'databases': [{'name': 'mysql'}]}]},
                  status=202)
    guest.create_users.assert_called_once()
    response = api.post_json(_users(instance_id), {'users': [
        {'name': 'postgres', 'password': 'p'}]}, expect_errors=True)
    assert 'postgres' in assert_fault(response, 400, 'badRequest')
    response = api.delete(_users(instance_id, '/public'),
                          expect_errors=True)
    assert 'public' in assert_fault(response, 400, 'badRequest')


def test_mariadb_user_mysql_is_still_refused(api, guest_class, instance_id):
    response = api.post_json(_users(instance_id), {'users': [
        {'name': 'mysql', 'password': 'p'}]}, expect_errors=True)
    assert 'mysql' in assert_fault(response, 400, 'badRequest')
    guest_class.assert_not_called()


def test_reserved_initial_users_are_refused_per_engine(api):
    datastores_db.upsert_datastore('postgresql')
    datastores_db.upsert_version('postgresql', '15', 'postgresql')
    pg = {'type': 'postgresql', 'version': '15'}
    api.post_json(conftest.url('/instances'), conftest.create_body(
        datastore=pg, users=[{'name': 'mysql', 'password': 'p'}]),
        status=200)
    body = conftest.create_body(
        name='db2', datastore=pg,
        users=[{'name': 'postgres', 'password': 'p'}])
    response = api.post_json(conftest.url('/instances'), body,
                             expect_errors=True)
    assert 'postgres' in assert_fault(response, 400, 'badRequest')
    body = conftest.create_body(
        name='db3', users=[{'name': 'mysql', 'password': 'p'}])
    response = api.post_json(conftest.url('/instances'), body,
                             expect_errors=True)
    assert 'mysql' in assert_fault(response, 400, 'badRequest')
