"""instances.task_restarted: when a restart or resize brought the server
back up, so that the conductor ends the task on the next HEALTHY heartbeat

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('instances') as batch_op:
        batch_op.add_column(sa.Column(
            'task_restarted',
            sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql',
                                       'mariadb'),
            nullable=True))
