"""quotas, quota_usages, quota_reservations: per-project limits and usage

Usage rows are created on a project's first reservation, counted from its
instances then, so existing deployments need no data migration.

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def _datetime():
    return sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql',
                                      'mariadb')


def upgrade():
    op.create_table(
        'quotas',
        sa.Column('project_id', sa.String(length=255), nullable=False),
        sa.Column('resource', sa.String(length=32), nullable=False),
        sa.Column('hard_limit', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('project_id', 'resource'))
    op.create_table(
        'quota_usages',
        sa.Column('project_id', sa.String(length=255), nullable=False),
        sa.Column('resource', sa.String(length=32), nullable=False),
        sa.Column('in_use', sa.Integer(), nullable=False),
        sa.Column('reserved', sa.Integer(), nullable=False),
        sa.Column('updated', _datetime(), nullable=False),
        sa.PrimaryKeyConstraint('project_id', 'resource'))
    op.create_table(
        'quota_reservations',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('instance_id', sa.String(length=36), nullable=False),
        sa.Column('project_id', sa.String(length=255), nullable=False),
        sa.Column('resource', sa.String(length=32), nullable=False),
        sa.Column('delta', sa.Integer(), nullable=False),
        sa.Column('created', _datetime(), nullable=False),
        sa.ForeignKeyConstraint(['instance_id'], ['instances.id'], ),
        sa.PrimaryKeyConstraint('id'))
    with op.batch_alter_table('quota_reservations') as batch_op:
        batch_op.create_index(batch_op.f('ix_quota_reservations_instance_id'),
                              ['instance_id'], unique=False)
