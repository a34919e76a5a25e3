"""The control DB's schema on every backend (SQLite, MariaDB and
PostgreSQL; see conftest.py: ``db_backend``): the migrations build what the
models declare and keep the rows of older revisions."""
import datetime
import re

from alembic import autogenerate
from alembic.runtime import migration as alembic_migration
from alembic import script as alembic_script
import pytest
import sqlalchemy as sa

from trove.db.api import instances as instances_api
from trove.db import migration
from trove.db import models
from trove.db import session as db_session
from trove.instance.status import ServiceStatus as S
from trove.instance.status import Task as T


def test_migrations_build_exactly_the_models_schema(db_backend):
    with db_session.get_engine().connect() as connection:
        assert sa.inspect(connection).get_table_names() == []
    migration.upgrade()
    head = alembic_script.ScriptDirectory.from_config(
        migration._config(None)).get_current_head()
    assert migration.current_revision() == head
    with db_session.get_engine().connect() as connection:
        context = alembic_migration.MigrationContext.configure(
            connection, opts={'compare_type': True,
                              'compare_server_default': True})
        diff = autogenerate.compare_metadata(context, models.Base.metadata)
        tables = set(sa.inspect(connection).get_table_names())
    assert diff == []
    assert tables == set(models.Base.metadata.tables) | {'alembic_version'}
    migration.upgrade()  # at head already: nothing to do
    assert migration.current_revision() == head


# Spellings of one type: (dialect, as the model compiles) -> as reflected.
_SAME_TYPE = {
    ('postgresql', 'FLOAT'): 'DOUBLE PRECISION',  # no precision: 8 bytes
    ('mysql', 'BOOL'): 'TINYINT(1)',
}


def _ddl_type(type_, dialect):
    text = type_.compile(dialect=dialect)
    text = re.sub(r'^(INTEGER|BIGINT)\(\d+\)$', r'\1', text)  # width
    return _SAME_TYPE.get((dialect.name, text), text)


def test_columns_have_the_types_of_the_models(db_backend):
    """Stricter than autogenerate, which takes a DATETIME for the models'
    DATETIME(6) on MySQL."""
    migration.upgrade()
    engine = db_session.get_engine()
    inspector = sa.inspect(engine)
    wrong = []
    for table in models.Base.metadata.sorted_tables:
        reflected = {c['name']: c['type']
                     for c in inspector.get_columns(table.name)}
        for column in table.columns:
            want = _ddl_type(column.type, engine.dialect)
            have = _ddl_type(reflected[column.name], engine.dialect)
            if want != have:
                wrong.append('%s.%s: %s, not %s' % (
                    table.name, column.name, have, want))
    assert wrong == []


def test_upgrade_from_the_first_revision_keeps_the_rows(db_backend):
    migration.upgrade('0001')
    # Rows as the code of revision 0001 wrote them (plain SQL on the
    # reflected tables: today's models may have more columns).
    created = datetime.datetime(2024, 5, 6, 7, 8, 9)
    with db_session.get_engine().begin() as connection:
        metadata = sa.MetaData()
        metadata.reflect(connection)
        tables = metadata.tables
        connection.execute(tables['datastores'].insert(), [
            {'id': 'ds-1', 'name': 'mariadb'}])
        connection.execute(tables['datastore_versions'].insert(), [
            {'id': 'dv-1', 'datastore_id': 'ds-1', 'name': '10.11',
             'manager': 'mariadb', 'active': True}])
        connection.execute(tables['instances'].insert(), [
            {'id': 'inst-1', 'name': 'old', 'project_id': 'proj-a',
             'flavor_id': '2', 'volume_size': 1,
             'datastore_version_id': 'dv-1', 'task_status': T.NONE,
             'created': created, 'updated': created, 'deleted': False}])
        connection.execute(tables['service_statuses'].insert(), [
            {'instance_id': 'inst-1', 'status': S.HEALTHY,
             'last_sent': 1000.0, 'updated': created}])
        connection.execute(tables['instance_faults'].insert(), [
            {'id': 'fault-1', 'instance_id': 'inst-1',
             'message': 'an old fault', 'created': created}])
    migration.upgrade()

    found = instances_api.get_instance('proj-a', 'inst-1')
    assert (found.name, found.created) == ('old', created)
    assert found.datastore_version.datastore.name == 'mariadb'
    assert (found.service_status.status,
            found.service_status.last_sent) == (S.HEALTHY, 1000.0)
    assert [f.message for f in found.faults] == ['an old fault']
    with db_session.get_engine().connect() as connection:
        context = alembic_migration.MigrationContext.configure(
            connection, opts={'compare_type': True})
        assert autogenerate.compare_metadata(
            context, models.Base.metadata) == []


@pytest.mark.parametrize('db_backend', ['mariadb'], indirect=True)
def test_mysql_sessions_use_the_configured_sql_mode(db_backend):
    with db_session.get_engine().connect() as connection:
        mode = connection.exec_driver_sql(
            'SELECT @@SESSION.sql_mode').scalar()
    assert 'TRADITIONAL' in mode.split(',')
