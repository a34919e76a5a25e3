"""The alembic migrations build exactly the schema the models declare,
and carry the rows of older revisions over."""
import datetime
import json

from alembic import autogenerate
from alembic.runtime import migration as alembic_migration
import sqlalchemy as sa

from trove.conf import CONF
from trove.db import migration
from trove.db import models
from trove.db import session as db_session


def test_migrations_match_models(tmp_path):
    CONF.set_override('connection', 'sqlite:///%s' % (tmp_path / 'm.db'),
                      group='database')
    db_session.dispose()
    try:
        migration.upgrade()
        assert migration.current_revision() is not None
        with db_session.get_engine().connect() as connection:
            context = alembic_migration.MigrationContext.configure(connection)
            diff = autogenerate.compare_metadata(context,
                                                 models.Base.metadata)
        assert diff == []
    finally:
        db_session.dispose()
        CONF.clear_override('connection', group='database')


def _insert_row(connection, table_name, **values):
    """A row with ``values`` and a plain value in every other required
    column (SQLite does not enforce the foreign keys here)."""
    table = sa.Table(table_name, sa.MetaData(), autoload_with=connection)
    row = {}
    for column in table.columns:
        if column.nullable or column.server_default is not None:
            continue
        if isinstance(column.type, sa.Integer):
            row[column.name] = 0
        elif isinstance(column.type, sa.Boolean):
            row[column.name] = False
        elif column.name in ('created', 'updated', 'deleted_at'):
            row[column.name] = datetime.datetime(2026, 1, 1)
        else:
            row[column.name] = 'x-%s' % column.name
    row.update(values)
    connection.execute(table.insert().values(
        **{k: v for k, v in row.items() if v is not None}))


def test_0008_names_the_network_of_servers_recorded_before(tmp_path):
    CONF.set_override('connection', 'sqlite:///%s' % (tmp_path / 'm.db'),
                      group='database')
    db_session.dispose()
    try:
        migration.upgrade('0007')
        with db_session.get_engine().begin() as connection:
            _insert_row(connection, 'datastores', id='ds')
            _insert_row(connection, 'datastore_versions', id='dv',
                        datastore_id='ds')
            for instance_id, address in (('with-server', '127.77.0.4'),
                                         ('no-server', None)):
                _insert_row(connection, 'instances', id=instance_id,
                            address=address, datastore_version_id='dv')
        migration.upgrade()
        with db_session.get_engine().connect() as connection:
            found = dict(connection.execute(sa.text(
                'SELECT id, addresses FROM instances')).all())
        assert json.loads(found['with-server']) == [
            {'address': '127.77.0.4', 'type': 'private', 'network': 'local'}]
        assert found['no-server'] is None
    finally:
        db_session.dispose()
        CONF.clear_override('connection', group='database')
