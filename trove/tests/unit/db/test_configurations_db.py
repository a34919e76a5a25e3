"""Configuration groups, their values and parameter rules, and instance
attachments in the control DB, on every backend (``db_backend``)."""
import datetime

from oslo_utils import timeutils
import pytest

from trove.common import exception
from trove.configuration import rules
from trove.db.api import configuration_parameters as parameters_api
from trove.db.api import configurations as configurations_api
from trove.db.api import datastores as ds_api
from trove.db.api import instance_configurations as states_api
from trove.db.api import instances as instances_api
from trove.db import migration

BIG = 18446744073709551615


@pytest.fixture
def version(db_backend):
    migration.upgrade()
    ds_api.upsert_datastore('mariadb')
    return ds_api.upsert_version('mariadb', '10.11', 'mariadb')


def _instance(version, name='db1'):
    return instances_api.create_instance(
        'proj', name, '2', 1, version.id, 'key',
        timeutils.utcnow() + datetime.timedelta(seconds=60))


def test_parameters_are_replaced_in_place(version):
    first = [rules.Rule('a', 'integer', False, 0, BIG),
             rules.Rule('b', 'float', True, 0.5, None)]
    parameters_api.replace(version.id, first)
    a_id = parameters_api.get_parameter(version.id, 'a').id
    parameters_api.replace(version.id, [rules.Rule('a', 'integer', True, 1,
                                                   None)])
    assert parameters_api.rules_by_name(version.id) == {
        'a': rules.Rule('a', 'integer', True, 1, None)}
    assert parameters_api.get_parameter(version.id, 'a').id == a_id
    with pytest.raises(exception.ConfigurationParameterNotFound):
        parameters_api.get_parameter(version.id, 'b')


def test_big_bounds_are_exact(version):
    parameters_api.replace(version.id, [rules.Rule('a', 'integer', False, 0,
                                                   BIG)])
    assert parameters_api.rules_by_name(version.id)['a'].max == BIG


def test_values_keep_their_types(version):
    values = {'i': BIG, 'f': 2.5, 'b': False, 's': 'x,y', 'one': 1}
    created = configurations_api.create('proj', 'cfg', 'd', version.id,
                                        values)
    found = configurations_api.get('proj', created.id)
    assert configurations_api.values_of(found) == values
    assert found.datastore_version.datastore.name == 'mariadb'


def test_put_replaces_patch_merges(version):
    created = configurations_api.create('proj', 'cfg', None, version.id,
                                        {'a': 1, 'b': 2})
    configurations_api.update('proj', created.id, {'b': 3, 'c': 4},
                              replace=False)
    assert configurations_api.values_of(configurations_api.get(
        'proj', created.id)) == {'a': 1, 'b': 3, 'c': 4}
    configurations_api.update('proj', created.id, {'c': 5}, replace=True,
                              name='new')
    found = configurations_api.get('proj', created.id)
    assert (found.name, configurations_api.values_of(found)) == (
        'new', {'c': 5})


def test_groups_are_project_scoped(version):
    created = configurations_api.create('proj', 'cfg', None, version.id, {})
    with pytest.raises(exception.ConfigurationNotFound):
        configurations_api.get('other', created.id)
    assert configurations_api.list_configurations('other') == []
    assert [c.id for c in configurations_api.list_configurations(
        'proj')] == [created.id]


def test_attachments_and_deletion(version):
    instance = _instance(version)
    first = configurations_api.create('proj', 'a', None, version.id, {})
    second = configurations_api.create('proj', 'b', None, version.id, {})
    assert states_api.attach(instance.id, first.id)
    assert not states_api.attach(instance.id, second.id)
    assert states_api.attach(instance.id, first.id)     # again: fine
    assert configurations_api.count_instances(first.id) == 1
    with pytest.raises(exception.BadRequest):
        configurations_api.delete('proj', first.id)
    assert states_api.detach(instance.id)
    assert not states_api.detach(instance.id)
    configurations_api.delete('proj', first.id)
    with pytest.raises(exception.ConfigurationNotFound):
        configurations_api.get('proj', first.id)


def test_serials_mark_what_is_due(version):
    instance = _instance(version)
    other = _instance(version, 'db2')
    created = configurations_api.create('proj', 'a', None, version.id, {})
    states_api.attach(instance.id, created.id)
    state = states_api.get_state(instance.id)
    assert states_api.list_due() == [instance.id]
    assert states_api.list_using(created.id) == [instance.id]
    # A change after the push was read: the push does not settle it.
    configurations_api.update('proj', created.id, {'x': 1}, replace=False)
    assert not states_api.mark_applied(instance.id, state.serial, True)
    assert states_api.list_due() == [instance.id]
    newest = states_api.get_state(instance.id).serial
    assert states_api.mark_applied(instance.id, newest, True)
    assert states_api.list_due() == []
    assert states_api.get_state(instance.id).restart_required
    states_api.clear_restart_required(instance.id)
    assert not states_api.get_state(instance.id).restart_required
    assert states_api.get_state(other.id) is None
    # A deleted instance holds no group.
    instances_api.mark_deleted(instance.id)
    assert configurations_api.count_instances(created.id) == 0
    configurations_api.delete('proj', created.id)
