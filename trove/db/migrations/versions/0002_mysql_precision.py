"""MySQL/MariaDB: microsecond timestamps, 8-byte heartbeat times

A plain DATETIME keeps whole seconds there (instances created in the same
second listed in random order; deadlines cut short) and a plain FLOAT keeps
4 bytes (heartbeat times rounded to 128 seconds, so late heartbeats win).
SQLite and PostgreSQL had the precision already: nothing to do there.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# (table, column, nullable)
DATETIMES = [
    ('instances', 'task_deadline', True),
    ('instances', 'created', False),
    ('instances', 'updated', False),
    ('instances', 'deleted_at', True),
    ('service_statuses', 'updated', False),
    ('instance_faults', 'created', False),
]


def upgrade():
    if op.get_bind().dialect.name not in ('mysql', 'mariadb'):
        return
    for table, column, nullable in DATETIMES:
        op.alter_column(table, column, type_=mysql.DATETIME(fsp=6),
                        existing_type=sa.DateTime(),
                        existing_nullable=nullable)
    op.alter_column('service_statuses', 'last_sent',
                    type_=mysql.DOUBLE(asdecimal=False),
                    existing_type=sa.Float(), existing_nullable=True)
