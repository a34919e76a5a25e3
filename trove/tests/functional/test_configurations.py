"""Configuration groups on real MariaDB, PostgreSQL and Redis instances,
through python-troveclient: values checked inside the engine before and
after a restart, RESTART_REQUIRED for a parameter that needs one, the
defaults back after a detach, and bad values refused without a change."""
import json
import time

import pytest
from troveclient import exceptions

from trove.tests.functional import engine_settings
from trove.tests.functional import waiters


def wait_for(check, timeout=30):
    # An engine restarting under the check refuses connections for a while.
    waiters.wait_until(check, timeout, retry_on=(Exception,))


def _version(trove, datastore):
    versions = trove.datastore_versions.list(datastore)
    if not versions:
        pytest.skip('%s is not installed on this host' % datastore)
    return versions[0].name


def _flavor(trove, name):
    return [f for f in trove.flavors.list() if f.name == name][0].id


def _create_instance(trove, engine, name, configuration=None):
    created = trove.instances.create(
        name, _flavor(trove, engine.flavor), volume={'size': 1},
        datastore=engine.datastore,
        datastore_version=_version(trove, engine.datastore),
        configuration=configuration, **engine_settings.create_kwargs(engine))
    return waiters.wait_for_status(trove, created.id, ['ACTIVE', 'ERROR'])


@pytest.fixture(scope='module', params=sorted(engine_settings.ENGINES))
def running(request, trove):
    """(engine, instance, reader) of an ACTIVE instance of each engine."""
    engine = engine_settings.ENGINES[request.param]
    _version(trove, engine.datastore)
    instance = _create_instance(trove, engine, 'cfg-' + engine.datastore)
    assert instance.status == 'ACTIVE', getattr(instance, 'fault', None)
    password = None
    if engine.datastore == 'redis':
        _name, password = trove.root.create(instance)
    yield engine, instance, engine_settings.Reader(engine, instance,
                                                   password)
    trove.instances.delete(instance.id)
    waiters.wait_until_gone(trove, instance.id)


def _group(trove, engine, values, name='group'):
    return trove.configurations.create(
        name, json.dumps(values), datastore=engine.datastore,
        datastore_version=_version(trove, engine.datastore))


def _status(trove, instance):
    return trove.instances.get(instance.id).status


def test_bad_values_are_refused_and_change_nothing(trove, running):
    engine, instance, reader = running
    before = len(trove.configurations.list())
    for values in engine.bad:
        with pytest.raises(exceptions.BadRequest) as refused:
            _group(trove, engine, values)
        assert list(values)[0] in str(refused.value)
    assert len(trove.configurations.list()) == before
    name, value = engine.live
    group = _group(trove, engine, {name: value})
    running_value = reader.read(name)
    for values in engine.bad:
        with pytest.raises(exceptions.BadRequest):
            trove.configurations.edit(group, json.dumps(values))
    assert trove.configurations.get(group).values == {name: value}
    assert reader.read(name) == running_value
    trove.configurations.delete(group)


def test_attach_change_restart_detach(trove, running):
    engine, instance, reader = running
    live, live_value = engine.live
    live2, live2_value = engine.live2
    slow, slow_value = engine.restart
    defaults = {name: reader.read(name) for name in (live, live2, slow)}
    template = trove.instances.configuration(instance).configuration
    assert str(template[engine.default_key]) == reader.read(
        engine.default_key)

    group = _group(trove, engine, {live: live_value})
    trove.instances.update(instance, configuration=group.id)
    wait_for(lambda: reader.read(live) == str(live_value))
    assert trove.instances.get(instance.id).configuration['id'] == group.id
    assert [i.id for i in trove.configurations.instances(group)] == [
        instance.id]
    with pytest.raises(exceptions.BadRequest):
        trove.configurations.delete(group)

    # A parameter that needs a restart: stored, not live, until one.
    trove.configurations.edit(group, json.dumps({slow: slow_value}))
    wait_for(lambda: _status(trove, instance) == 'RESTART_REQUIRED')
    assert reader.read(slow) == defaults[slow]
    trove.instances.restart(instance)
    waiters.wait_for_status(trove, instance.id, ['ACTIVE'], timeout=90)
    assert reader.read(slow) == str(slow_value)
    assert reader.read(live) == str(live_value)

    # A change of an attached group reaches its instance at once.
    trove.configurations.edit(group, json.dumps({live2: live2_value}))
    wait_for(lambda: reader.read(live2) == str(live2_value))
    assert _status(trove, instance) == 'ACTIVE'

    trove.instances.update(instance, remove_configuration=True)
    wait_for(lambda: reader.read(live) == defaults[live]
             and reader.read(live2) == defaults[live2])
    wait_for(lambda: _status(trove, instance) == 'RESTART_REQUIRED')
    assert not hasattr(trove.instances.get(instance.id), 'configuration')
    trove.instances.restart(instance)
    waiters.wait_for_status(trove, instance.id, ['ACTIVE'], timeout=90)
    assert {name: reader.read(name) for name in defaults} == defaults
    trove.configurations.delete(group)


def test_created_with_a_group_starts_with_it(trove):
    engine = engine_settings.ENGINES['mariadb']
    slow, slow_value = engine.restart
    group = _group(trove, engine, {slow: slow_value}, name='at-create')
    instance = _create_instance(trove, engine, 'cfg-at-create',
                                configuration=group.id)
    try:
        assert instance.status == 'ACTIVE', getattr(instance, 'fault', None)
        assert instance.configuration['id'] == group.id
        reader = engine_settings.Reader(engine, instance)
        assert reader.read(slow) == str(slow_value)
        # Deliberately a fixed wait: the group was applied at create, so
        # no RESTART_REQUIRED may turn up a little later either.
        time.sleep(1)
        assert _status(trove, instance) == 'ACTIVE'
    finally:
        trove.instances.delete(instance.id)
        waiters.wait_until_gone(trove, instance.id)
    trove.configurations.delete(group)


def test_cli(deployment, trove):
    engine = engine_settings.ENGINES['mariadb']
    version = _version(trove, 'mariadb')

    def cli(*args):
        result = deployment.cli('database', *args, '-f', 'json')
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    created = cli('configuration', 'create', 'cli-group',
                  '{"wait_timeout": 120}', '--datastore', 'mariadb',
                  '--datastore-version', version)
    assert json.loads(created['values']) == {'wait_timeout': 120}
    assert created['id'] in [c['ID'] for c in cli('configuration', 'list')]
    assert cli('configuration', 'show', 'cli-group')['name'] == 'cli-group'
    names = [p['Name'] for p in cli('configuration', 'parameter', 'list',
                                    version, '--datastore', 'mariadb')]
    assert engine.restart[0] in names
    shown = cli('configuration', 'parameter', 'show', version,
                'max_connections', '--datastore', 'mariadb')
    assert shown['restart_required'] is False
    result = deployment.cli('database', 'configuration', 'delete',
                            'cli-group')
    assert result.returncode == 0, result.stderr
