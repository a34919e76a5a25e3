"""trove-status upgrade check, on temporary SQLite control DBs."""
import json
import os
import subprocess
import sys

import pytest
import sqlalchemy as sa

from trove.cmd import status
from trove.conf import CONF
from trove.db.api import datastores as datastores_db
from trove.db import migration
from trove.db import session as db_session

SUCCESS = status.SUCCESS
WARNING = status.WARNING
FAILURE = status.FAILURE


@pytest.fixture
def db_url(tmp_path):
    """Points [database] connection at a file that does not exist yet."""
    path = tmp_path / 'trove.sqlite'
    CONF.set_override('connection', 'sqlite:///%s' % path, group='database')
    db_session.dispose()
    yield path
    db_session.dispose()
    CONF.clear_override('connection', group='database')


@pytest.fixture
def migrated_db(db_url):
    """A control DB built by the migrations, as trove-manage db_sync does."""
    migration.upgrade()
    return db_url


@pytest.fixture
def checks():
    return status.Checks()


def _head():
    (head,) = status.head_revisions()
    return head


# Control DB schema

def test_schema_at_head(migrated_db, checks):
    result = checks._check_db_schema()
    assert result.code == SUCCESS
    assert _head() in result.details


def test_schema_without_alembic_version(control_db, checks):
    # create_all() builds the tables but records no revision.
    result = checks._check_db_schema()
    assert result.code == FAILURE
    assert 'trove-manage db_sync' in result.details


def test_schema_behind_head(migrated_db, checks, monkeypatch):
    current = _head()
    monkeypatch.setattr(status, 'head_revisions', lambda: {'9999'})
    result = checks._check_db_schema()
    assert result.code == FAILURE
    assert current in result.details and '9999' in result.details
    assert 'trove-manage db_sync' in result.details


def test_schema_at_unknown_revision(migrated_db, checks):
    with db_session.get_engine().begin() as connection:
        connection.execute(sa.text(
            "UPDATE alembic_version SET version_num = 'fromthefuture'"))
    result = checks._check_db_schema()
    assert result.code == FAILURE
    assert 'fromthefuture' in result.details
    assert 'does not know' in result.details


def test_missing_sqlite_file_is_reported_not_created(db_url, checks):
    for check in (checks._check_db_schema, checks._check_datastore_versions):
        result = check()
        assert result.code == FAILURE
        assert 'does not exist' in result.details
        assert 'trove-manage db_sync' in result.details
    assert not os.path.exists(db_url)


def test_no_connection_configured(checks):
    CONF.set_override('connection', '', group='database')
    try:
        result = checks._check_db_schema()
    finally:
        CONF.clear_override('connection', group='database')
    assert result.code == FAILURE
    assert '[database] connection is not set' in result.details


# inst_rpc_key_encr_key

def test_rpc_key_set(checks):
    CONF.set_override('inst_rpc_key_encr_key', 'a-master-key')
    try:
        assert checks._check_rpc_key_encr_key().code == SUCCESS
    finally:
        CONF.clear_override('inst_rpc_key_encr_key')


@pytest.mark.parametrize('value', [None, ''])
def test_rpc_key_missing(checks, value):
    CONF.set_override('inst_rpc_key_encr_key', value)
    try:
        result = checks._check_rpc_key_encr_key()
    finally:
        CONF.clear_override('inst_rpc_key_encr_key')
    assert result.code == FAILURE
    assert 'inst_rpc_key_encr_key' in result.details


# Active datastore versions

def test_no_datastore_version(control_db, checks):
    result = checks._check_datastore_versions()
    assert result.code == WARNING
    assert 'trove-manage register_local' in result.details
    assert 'trove-manage datastore_version_update' in result.details


def test_only_inactive_datastore_versions(control_db, checks):
    datastores_db.upsert_datastore('mariadb')
    datastores_db.upsert_version('mariadb', '10.6', 'mariadb', active=False)
    assert checks._check_datastore_versions().code == WARNING


def test_active_datastore_versions(control_db, checks):
    datastores_db.upsert_datastore('mariadb')
    datastores_db.upsert_version('mariadb', '10.11', 'mariadb')
    datastores_db.upsert_version('mariadb', '10.6', 'mariadb', active=False)
    result = checks._check_datastore_versions()
    assert result.code == SUCCESS
    assert 'mariadb 10.11' in result.details
    assert '10.6' not in result.details


def test_datastore_versions_of_db_without_schema(db_url, checks):
    sa.create_engine('sqlite:///%s' % db_url).connect().close()  # empty file
    result = checks._check_datastore_versions()
    assert result.code == FAILURE
    assert 'Cannot read' in result.details


# The command

GUEST_BUS = ('[guest_bus]\ntransport_url = rabbit://c:p@127.0.0.1:1/g\n'
             'management_url = http://127.0.0.1:2/\n')


def _run(tmp_path, connection, key='a-master-key'):
    conf = tmp_path / 'trove.conf'
    conf.write_text('[DEFAULT]\n%s\n[database]\nconnection = %s\n%s' % (
        'inst_rpc_key_encr_key = %s' % key if key else '', connection,
        GUEST_BUS))
    process = subprocess.run(
        [sys.executable, '-m', 'trove.cmd.status', '--config-file',
         str(conf), 'upgrade', 'check', '--json'],
        capture_output=True, text=True, cwd=str(tmp_path))
    output = json.loads(process.stdout)
    return process.returncode, {check['check']: check['result']
                                for check in output['checks']}


def test_command_ready_but_no_datastore(migrated_db, tmp_path):
    code, results = _run(tmp_path, 'sqlite:///%s' % migrated_db)
    assert code == WARNING
    assert results == {'Control DB schema': SUCCESS,
                       'RPC key encryption key': SUCCESS,
                       'Guest bus accounts': SUCCESS,
                       'Active datastore versions': WARNING,
                       'Policy File JSON to YAML Migration': SUCCESS}


def test_command_all_good(migrated_db, tmp_path):
    datastores_db.upsert_datastore('mariadb')
    datastores_db.upsert_version('mariadb', '10.11', 'mariadb')
    code, results = _run(tmp_path, 'sqlite:///%s' % migrated_db)
    assert code == SUCCESS
    assert set(results.values()) == {SUCCESS}


def test_command_not_synced_and_no_key(tmp_path):
    path = tmp_path / 'missing.sqlite'
    code, results = _run(tmp_path, 'sqlite:///%s' % path, key=None)
    assert code == FAILURE
    assert results['Control DB schema'] == FAILURE
    assert results['RPC key encryption key'] == FAILURE
    assert not path.exists()


def test_guests_sharing_the_control_account_is_a_warning(checks):
    assert checks._check_guest_bus().code == WARNING
    CONF.set_override('transport_url', 'rabbit://c:p@127.0.0.1:1/g',
                      group='guest_bus')
    CONF.set_override('management_url', 'http://127.0.0.1:2/',
                      group='guest_bus')
    try:
        assert checks._check_guest_bus().code == SUCCESS
    finally:
        CONF.clear_override('transport_url', group='guest_bus')
        CONF.clear_override('management_url', group='guest_bus')
