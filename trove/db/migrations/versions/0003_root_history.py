"""root_enabled_history: instances root was ever enabled on

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'root_enabled_history',
        sa.Column('instance_id', sa.String(length=36), nullable=False),
        sa.Column('user', sa.String(length=255), nullable=True),
        sa.Column('created', sa.DateTime().with_variant(
            mysql.DATETIME(fsp=6), 'mysql', 'mariadb'), nullable=False),
        sa.ForeignKeyConstraint(['instance_id'], ['instances.id'], ),
        sa.PrimaryKeyConstraint('instance_id'))
