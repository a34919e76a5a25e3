"""Capabilities: the manifests say what the guest engines do (this test
may load guest code; the control plane may not), and the reader prefers
the version's record, falling back to the manifest."""
import json
import subprocess
import sys
from unittest import mock

import pytest

from trove.backup import operations as backup_operations
from trove.common import exception
from trove.datastore import capabilities
from trove.datastore import features
from trove.guestagent.datastores import base
from trove.guestagent.datastores import loader

MANAGERS = ['mariadb', 'mysql', 'postgresql', 'redis']
_PROBES = {'databases': 'create_databases', 'users': 'create_users',
           'user_access': 'grant_access', 'root': 'enable_root'}


def _version(manager, column=None, name='ds'):
    version = mock.Mock(manager=manager, capabilities=column, id='v-1')
    version.datastore.name = name
    return version


@pytest.mark.parametrize('manager', MANAGERS)
def test_manifest_agrees_with_the_guest(manager):
    caps = capabilities.load_manifest(manager)
    datastore_class = loader.datastore_class(manager)
    admin = datastore_class.admin_class
    for field, probe in _PROBES.items():
        overridden = getattr(admin, probe) is not getattr(
            base.DatabaseAdmin, probe)
        assert caps[field] is overridden, field
    assert set(caps['reserved_databases']) == set(admin.reserved_databases)
    assert set(caps['reserved_users']) == set(admin.reserved_users)
    strategy = datastore_class.backup_strategy_class
    assert caps['backup'] is (strategy is not None)
    if strategy is not None:
        assert caps['incremental_backup'] is strategy.incremental
        assert caps['backup_format'] == strategy.stream_format
    overrides_configuration = (datastore_class.configuration
                               is not base.Datastore.configuration)
    assert caps['configuration'] is overrides_configuration


def test_mysql_uses_the_mariadb_manifest():
    assert (capabilities.manifest_path('mysql')
            == capabilities.manifest_path('mariadb'))


def test_the_recorded_column_wins_over_the_manifest():
    recorded = dict(capabilities.load_manifest('redis'), users=False)
    version = _version('redis', capabilities.to_column(recorded))
    assert not capabilities.of_version(version).supports('users')


@pytest.mark.parametrize('column', [None, '', 'not json', '{"users": 1}'])
def test_null_or_malformed_column_reads_the_manifest(column):
    caps = capabilities.of_version(_version('redis', column))
    assert caps.known
    assert not caps.supports('databases')
    assert caps.supports('users')


def test_an_unknown_engine_leaves_features_to_the_guest():
    caps = capabilities.of_version(_version('cassandra'))
    assert not caps.known
    assert caps.supports('databases')
    assert not caps.supports('backups')
    caps.refuse_reserved(databases=['mysql'], users=['root'])


def test_validate_names_missing_and_wrong_fields():
    caps = dict(capabilities.load_manifest('mariadb'))
    del caps['root']
    with pytest.raises(ValueError, match='root'):
        capabilities.validate(caps)
    with pytest.raises(ValueError, match='logs'):
        capabilities.validate(dict(capabilities.load_manifest('mariadb'),
                                   logs='general'))
    with pytest.raises(ValueError):
        capabilities.to_column({'databases': True})


def test_reserved_names_are_per_engine():
    pg = capabilities.of_version(_version('postgresql'))
    maria = capabilities.of_version(_version('mariadb'))
    pg.refuse_reserved(databases=['mysql'], users=['mysql', 'root'])
    with pytest.raises(exception.BadRequest, match="'postgres'"):
        pg.refuse_reserved(users=['postgres'])
    with pytest.raises(exception.BadRequest, match="'mysql'"):
        maria.refuse_reserved(users=['mysql'])
    # MariaDB compares database names case-insensitively, and reserves
    # '#mysql50#' names; PostgreSQL does neither.
    with pytest.raises(exception.BadRequest, match='#mysql50#'):
        maria.refuse_reserved(databases=['MySQL'])
    with pytest.raises(exception.BadRequest):
        maria.refuse_reserved(databases=['#mysql50#x'])
    pg.refuse_reserved(databases=['Postgres', '#mysql50#x'])


def test_features_check_reads_the_version():
    features.check(_version('mariadb'), 'databases')
    with pytest.raises(exception.DatastoreOperationNotSupported):
        features.check(_version('redis'), 'databases')
    with pytest.raises(exception.DatastoreOperationNotSupported):
        features.check(_version('redis'), 'user access')


def test_backup_strategy_from_capabilities():
    strategy = backup_operations.strategy_class(_version('mariadb'))
    assert strategy == ('xbstream', True)
    assert backup_operations.strategy_class(_version('postgresql')) == (
        'tar', False)
    assert backup_operations.strategy_class(_version('cassandra')) is None
    no_backups = dict(capabilities.load_manifest('redis'), backup=False)
    assert backup_operations.strategy_class(_version(
        'redis', json.dumps(no_backups))) is None


def test_the_api_loads_no_engine_code():
    code = (
        'import sys, json\n'
        'from trove.api import app\n'
        'from trove.api.v1.controllers import root\n'
        'print(json.dumps(sorted(sys.modules)))\n')
    result = subprocess.run([sys.executable, '-c', code],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.splitlines()[-1]))
    for client in ('pymysql', 'psycopg', 'psycopg2', 'redis'):
        assert client not in loaded
    assert not [name for name in loaded
                if name.startswith(('trove.guestagent.datastores',
                                    'trove.compute.local'))]
