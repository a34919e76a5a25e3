"""Operators manage datastore versions through the API: `openstack
datastore version create/set/delete` and `openstack datastore delete`
(Trove's /mgmt/datastore-versions and DELETE /datastores/{id}), admins
only, with Trove's faults for what cannot be done."""
from osc_lib import utils as osc_utils
import pytest
from troveclient.osc.v1 import datastores as osc_datastores

from trove.db.api import configuration_parameters as parameters_db
from trove.db.api import datastores as datastores_db
from trove.tests.unit.api.conftest import ADMIN_TOKEN
from trove.tests.unit.api.conftest import create_active_instance
from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault
from trove.tests.unit.api.test_quotas import _run
from trove.tests.unit.api.test_quotas import admin_trove  # noqa: F401

ADMIN = {'X-Auth-Token': ADMIN_TOKEN}


def _versions(datastore='mariadb'):
    found = datastores_db.get_datastore(datastore)
    return {version.name: version for version in
            datastores_db.list_versions(found.id, only_active=False)}


def test_create_registers_a_usable_version(api, admin_trove):  # noqa: F811
    _run(osc_datastores.CreateDatastoreVersion, admin_trove,
         '11.4', 'mariadb', 'mariadb', '', '--image-tags', 'trove,mariadb',
         '--active', '--default', '--version-number', '11.4.2')
    created = _versions()['11.4']
    assert created.manager == 'mariadb' and created.active
    assert created.version == '11.4.2'
    assert datastores_db.image_tags(created) == ['trove', 'mariadb']
    # What the engine supports comes from its manifest, as trove-manage's.
    assert created.capabilities and '"databases"' in created.capabilities
    assert datastores_db.get_datastore('mariadb').default_version_id == \
        created.id
    # Its configuration parameters are the shipped ones of its engine.
    assert parameters_db.list_parameters(created.id)
    # Users see it.
    columns, rows = _run(osc_datastores.ListDatastoreVersions, admin_trove,
                         'mariadb')
    assert '11.4' in [row[columns.index('Name')] for row in rows]
    shown = admin_trove.mgmt_ds_versions.get(created.id)
    assert shown.datastore_manager == 'mariadb' and shown.default is True
    assert shown.image_tags == ['trove', 'mariadb']


def test_create_makes_a_missing_datastore(api, admin_trove):  # noqa: F811
    _run(osc_datastores.CreateDatastoreVersion, admin_trove,
         '8.1', 'valkey', 'redis', 'image-1', '--active')
    created = _versions('valkey')['8.1']
    assert created.manager == 'redis' and created.image_id == 'image-1'


def test_set_changes_image_tags_activity_and_default(api,
                                                     admin_trove):  # noqa
    version = _versions()['10.6']
    assert not version.active
    _run(osc_datastores.UpdateDatastoreVersion, admin_trove, version.id,
         '--image-tags', 'trove,mariadb,10.6', '--enable', '--default')
    changed = _versions()['10.6']
    assert changed.active
    assert datastores_db.image_tags(changed) == ['trove', 'mariadb', '10.6']
    assert datastores_db.get_datastore('mariadb').default_version_id == \
        changed.id
    _run(osc_datastores.UpdateDatastoreVersion, admin_trove, version.id,
         '--disable', '--non-default', '--version-name', '10.6-old')
    renamed = _versions()['10.6-old']
    assert not renamed.active
    assert datastores_db.get_datastore('mariadb').default_version_id is None


def test_delete_removes_an_unused_version_and_then_the_datastore(
        api, admin_trove):  # noqa: F811
    _run(osc_datastores.CreateDatastoreVersion, admin_trove,
         '7.2', 'keydb', 'redis', '', '--active')
    version = _versions('keydb')['7.2']
    # A datastore with versions cannot go.
    with pytest.raises(Exception, match='still has 1 version'):
        _run(osc_datastores.DeleteDatastore, admin_trove, 'keydb')
    _run(osc_datastores.DeleteDatastoreVersion, admin_trove, version.id)
    assert _versions('keydb') == {}
    _run(osc_datastores.DeleteDatastore, admin_trove, 'keydb')
    assert 'keydb' not in [d.name for d in datastores_db.list_datastores()]


def test_a_used_version_is_not_deleted(api):
    create_active_instance(api)
    version = _versions()['10.11']
    response = api.delete(url('/mgmt/datastore-versions/%s' % version.id),
                          headers=ADMIN, expect_errors=True)
    message = assert_fault(response, 409, 'conflictingRequest')
    assert '1 instances' in message and 'disable it' in message
    assert '10.11' in _versions()


@pytest.mark.parametrize('body,status,expected', [
    ({'version': {'name': '10.11', 'datastore_name': 'mariadb',
                  'datastore_manager': 'mariadb'}}, 409, 'already has'),
    ({'version': {'name': '1', 'datastore_name': 'x',
                  'datastore_manager': 'oracle'}}, 400, 'Unknown datastore '
                                                        'manager oracle'),
    ({'version': {'name': 'a b', 'datastore_name': 'x',
                  'datastore_manager': 'redis'}}, 400, "'version.name'"),
    ({'version': {'datastore_name': 'x', 'datastore_manager': 'redis'}},
     400, "'version.name'"),
    ({'version': {'name': '1', 'datastore_name': 'x',
                  'datastore_manager': 'redis', 'colour': 'red'}}, 400,
     'unexpected'),
])
def test_bad_creates_change_nothing(api, body, status, expected):
    before = [d.name for d in datastores_db.list_datastores()]
    response = api.post_json(url('/mgmt/datastore-versions'), body,
                             headers=ADMIN, expect_errors=True)
    fault = 'conflictingRequest' if status == 409 else 'badRequest'
    assert expected in assert_fault(response, status, fault)
    assert [d.name for d in datastores_db.list_datastores()] == before


def test_unknown_version_is_404(api):
    for method in ('get', 'delete'):
        response = getattr(api, method)(
            url('/mgmt/datastore-versions/no-such-id'), headers=ADMIN,
            expect_errors=True)
        assert_fault(response, 404, 'itemNotFound')
    response = api.patch_json(url('/mgmt/datastore-versions/no-such-id'),
                              {'active': True}, headers=ADMIN,
                              expect_errors=True)
    assert_fault(response, 404, 'itemNotFound')


def test_only_admins_manage_versions(api):
    version = _versions()['10.6']
    attempts = [
        ('get', url('/mgmt/datastore-versions'), None),
        ('post_json', url('/mgmt/datastore-versions'),
         {'version': {'name': '9', 'datastore_name': 'mariadb',
                      'datastore_manager': 'mariadb'}}),
        ('patch_json', url('/mgmt/datastore-versions/%s' % version.id),
         {'active': True}),
        ('delete', url('/mgmt/datastore-versions/%s' % version.id), None),
        ('delete', url('/datastores/mariadb'), None),
    ]
    for method, path, body in attempts:
        args = (path, body) if body is not None else (path,)
        response = getattr(api, method)(*args, expect_errors=True)
        assert_fault(response, 403, 'forbidden')
    assert not _versions()['10.6'].active
    assert '9' not in _versions()


def test_list_shows_inactive_versions_to_admins(api, admin_trove):  # noqa
    listed = admin_trove.mgmt_ds_versions.list()
    assert {v.name: v.active for v in listed} == {
        '10.11': True, '10.6': False}
    assert osc_utils.get_item_properties(listed[0], ['datastore_name'])
