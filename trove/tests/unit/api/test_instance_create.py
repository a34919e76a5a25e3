"""POST /instances: what is created and cast, and what is refused."""
import json

from oslo_policy import opts as policy_opts
import pytest

from trove.common import crypto
from trove.conf import CONF
from trove.db.api import instances as instances_db
from trove.instance import keys
from trove.policies import enforcer
from trove.tests.unit.api.conftest import create_body
from trove.tests.unit.api.conftest import PROJECT
from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault

USERS = [{'name': 'myuser', 'password': 'secret-pass-123',
          'databases': [{'name': 'mydb'}]}]


def _created(project=PROJECT):
    return instances_db.list_instances(project)


def test_create_records_builds_and_casts(api, taskmanager):
    body = create_body(databases=[{'name': 'mydb'}], users=USERS,
                       access={'is_public': False}, nics=[])
    response = api.post_json(url('/instances'), body)

    assert response.status_int == 200
    view = response.json['instance']
    assert view['status'] == 'BUILD'
    assert view['name'] == 'db1'
    assert view['flavor']['id'] == '2'
    assert view['datastore'] == {'type': 'mariadb', 'version': '10.11',
                                 'version_number': '10.11'}
    assert view['volume'] == {'size': 1}
    [row] = _created()
    assert row.id == view['id']
    assert row.task_deadline is not None
    taskmanager.create_instance.assert_called_once()
    context, instance_id, databases, encrypted_users = (
        taskmanager.create_instance.call_args.args)
    assert instance_id == row.id
    assert context.project_id == PROJECT
    assert databases == [{'name': 'mydb'}]
    key = keys.decrypt_key(row.encrypted_key)
    assert json.loads(crypto.decrypt(key, encrypted_users)) == USERS
    assert 'secret-pass-123' not in repr(
        taskmanager.create_instance.call_args)


def test_defaults_fill_in_datastore_and_version(api):
    body = create_body()
    del body['instance']['datastore']
    view = api.post_json(url('/instances'), body).json['instance']
    assert view['datastore']['type'] == 'mariadb'
    assert view['datastore']['version'] == '10.11'


def test_flavor_ref_may_be_an_integer_or_a_link(api):
    api.post_json(url('/instances'), create_body(flavorRef=2))
    api.post_json(url('/instances'), create_body(
        flavorRef='http://localhost/v1.0/%s/flavors/3' % PROJECT))
    assert sorted(row.flavor_id for row in _created()) == ['2', '3']


@pytest.mark.parametrize('overrides,code,fault,field', [
    ({'flavorRef': 'no-such-flavor'}, 404, 'itemNotFound', 'no-such-flavor'),
    ({'datastore': {'type': 'nosql-x'}}, 404, 'itemNotFound', 'nosql-x'),
    ({'datastore': {'type': 'mariadb', 'version': '0.1'}}, 404,
     'itemNotFound', '0.1'),
    ({'datastore': {'type': 'mariadb', 'version': '10.6'}}, 400,
     'badRequest', 'not active'),
    ({'name': ''}, 400, 'badRequest', 'instance.name'),
    ({'name': 'bad\x01name'}, 400, 'badRequest', 'instance.name'),
    ({'name': 'x' * 256}, 400, 'badRequest', 'instance.name'),
    ({'name': None}, 400, 'badRequest', 'instance.name'),
    ({'volume': {'size': 0}}, 400, 'badRequest', 'instance.volume.size'),
    ({'volume': {'size': 11}}, 400, 'badRequest', '11'),
    ({'volume': {'size': 'big'}}, 400, 'badRequest', 'instance.volume.size'),
    ({'volume': None}, 400, 'badRequest', 'instance.volume'),
    ({'flavorRef': None}, 400, 'badRequest', 'instance.flavorRef'),
    ({'databases': [{'name': ''}]}, 400, 'badRequest',
     'instance.databases[0].name'),
    ({'databases': [{'name': 'a;drop'}]}, 400, 'badRequest',
     'instance.databases[0].name'),
    # A pattern's $ would let a final newline through.
    ({'name': 'db1\n'}, 400, 'badRequest', 'instance.name'),
    ({'databases': [{'name': 'mydb\n'}]}, 400, 'badRequest',
     'instance.databases[0].name'),
    ({'users': [{'name': 'u', 'password': 'p\n'}]}, 400, 'badRequest',
     'instance.users[0].password'),
    ({'users': [{'name': 'u'}]}, 400, 'badRequest',
     'instance.users[0].password'),
    ({'users': [{'name': 'x' * 33, 'password': 'p'}]}, 400, 'badRequest',
     'instance.users[0].name'),
    ({'replica_of': 'some-id'}, 400, 'badRequest', 'replica_of'),
    ({'databases': [{'name': 'mysql'}]}, 400, 'badRequest', 'mysql'),
    ({'users': [{'name': 'root', 'password': 'p'}]}, 400, 'badRequest',
     'root'),
    ({'users': [{'name': 'u', 'password': 'p',
                 'databases': [{'name': 'sys'}]}]}, 400, 'badRequest',
     'sys'),
])
def test_bad_input_is_refused_and_creates_nothing(api, taskmanager,
                                                  overrides, code, fault,
                                                  field):
    body = create_body(**overrides)
    response = api.post_json(url('/instances'), body, expect_errors=True)
    assert field in assert_fault(response, code, fault)
    assert _created() == []
    taskmanager.create_instance.assert_not_called()


def test_missing_instance_key_is_refused(api, taskmanager):
    response = api.post_json(url('/instances'), {'name': 'db1'},
                             expect_errors=True)
    assert 'instance' in assert_fault(response, 400, 'badRequest')
    assert _created() == []


def test_required_field_is_named(api):
    body = create_body()
    del body['instance']['flavorRef']
    response = api.post_json(url('/instances'), body, expect_errors=True)
    assert "'instance.flavorRef'" in assert_fault(response, 400,
                                                  'badRequest')


def test_password_is_never_echoed_in_errors(api):
    body = create_body(users=[{'name': 'u', 'password': 'bad\x01secret'}])
    response = api.post_json(url('/instances'), body, expect_errors=True)
    assert 'secret' not in assert_fault(response, 400, 'badRequest')


def test_instance_quota(api, taskmanager):
    CONF.set_override('max_instances_per_tenant', 1)
    try:
        api.post_json(url('/instances'), create_body())
        response = api.post_json(url('/instances'), create_body(),
                                 expect_errors=True)
    finally:
        CONF.clear_override('max_instances_per_tenant')
    assert 'instances' in assert_fault(response, 413, 'overLimit')
    assert len(_created()) == 1


def test_volume_quota(api):
    CONF.set_override('max_volumes_per_tenant', 3)
    try:
        api.post_json(url('/instances'), create_body(volume={'size': 2}))
        response = api.post_json(url('/instances'),
                                 create_body(volume={'size': 2}),
                                 expect_errors=True)
    finally:
        CONF.clear_override('max_volumes_per_tenant')
    assert 'volumes' in assert_fault(response, 413, 'overLimit')


def test_initial_databases_and_users_need_their_own_rules(api, taskmanager,
                                                          tmp_path):
    policy_file = tmp_path / 'policy.yaml'
    policy_file.write_text('"instance:extension:user:create": "!"\n')
    policy_opts.set_defaults(CONF)
    CONF.set_override('policy_file', str(policy_file), group='oslo_policy')
    enforcer.reset()
    try:
        api.post_json(url('/instances'), create_body(
            databases=[{'name': 'mydb'}]))
        response = api.post_json(url('/instances'), create_body(
            users=[{'name': 'u', 'password': 'p'}]), expect_errors=True)
        assert 'instance:extension:user:create' in assert_fault(
            response, 403, 'forbidden')
    finally:
        CONF.clear_override('policy_file', group='oslo_policy')
        enforcer.reset()
    assert taskmanager.create_instance.call_count == 1


def test_databases_on_a_datastore_without_them_is_400(api, taskmanager):
    from trove.db.api import datastores as datastores_db
    datastores_db.upsert_datastore('redis')
    datastores_db.upsert_version('redis', '7.0', 'redis')
    response = api.post_json(
        url('/instances'),
        create_body(datastore={'type': 'redis', 'version': '7.0'},
                    databases=[{'name': 'mydb'}]), status=400)
    assert 'does not support databases' in \
        response.json['badRequest']['message']
    taskmanager.create_instance.assert_not_called()
