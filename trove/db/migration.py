"""Schema migrations of the control DB (alembic), for trove-manage."""
import os

from alembic import command
from alembic import config as alembic_config

from trove.db import session as db_session


def _config(connection):
    cfg = alembic_config.Config()
    cfg.set_main_option('script_location', os.path.join(
        os.path.dirname(__file__), 'migrations'))
    cfg.attributes['connection'] = connection
    return cfg


def upgrade(revision='head'):
    engine = db_session.get_engine()
    with engine.begin() as connection:
        command.upgrade(_config(connection), revision)


def current_revision():
    from alembic.runtime import migration
    with db_session.get_engine().connect() as connection:
        return migration.MigrationContext.configure(
            connection).get_current_revision()


def autogenerate(message):
    """Write a new revision from the models' difference (developers)."""
    engine = db_session.get_engine()
    with engine.begin() as connection:
        command.revision(_config(connection), message=message,
                         autogenerate=True)
