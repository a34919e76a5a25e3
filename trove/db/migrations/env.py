"""Alembic environment: runs on the connection trove.db.migration hands in."""
from alembic import context

from trove.db import models

config = context.config


def run_migrations():
    connection = config.attributes['connection']
    context.configure(connection=connection,
                      target_metadata=models.Base.metadata,
                      render_as_batch=True)  # SQLite cannot ALTER much
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
