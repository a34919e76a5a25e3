"""The alembic migrations build exactly the schema the models declare."""
from alembic import autogenerate
from alembic.runtime import migration as alembic_migration

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
