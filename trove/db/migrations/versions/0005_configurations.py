"""configurations, configuration_values, datastore_configuration_parameters,
instance_configurations: configuration groups and their parameter rules

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def _datetime():
    return sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql',
                                      'mariadb')


def upgrade():
    op.create_table(
        'datastore_configuration_parameters',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('datastore_version_id', sa.String(length=36),
                  nullable=False),
        sa.Column('name', sa.String(length=128), nullable=False),
        sa.Column('data_type', sa.String(length=16), nullable=False),
        sa.Column('restart_required', sa.Boolean(), nullable=False),
        sa.Column('min_size', sa.String(length=40), nullable=True),
        sa.Column('max_size', sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(['datastore_version_id'],
                                ['datastore_versions.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('datastore_version_id', 'name'))
    op.create_table(
        'configurations',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('description', sa.String(length=512), nullable=True),
        sa.Column('project_id', sa.String(length=255), nullable=False),
        sa.Column('datastore_version_id', sa.String(length=36),
                  nullable=False),
        sa.Column('created', _datetime(), nullable=False),
        sa.Column('updated', _datetime(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('deleted_at', _datetime(), nullable=True),
        sa.ForeignKeyConstraint(['datastore_version_id'],
                                ['datastore_versions.id'], ),
        sa.PrimaryKeyConstraint('id'))
    with op.batch_alter_table('configurations') as batch_op:
        batch_op.create_index(batch_op.f('ix_configurations_deleted'),
                              ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_configurations_project_id'),
                              ['project_id'], unique=False)
    op.create_table(
        'configuration_values',
        sa.Column('configuration_id', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=128), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['configuration_id'], ['configurations.id'], ),
        sa.PrimaryKeyConstraint('configuration_id', 'name'))
    op.create_table(
        'instance_configurations',
        sa.Column('instance_id', sa.String(length=36), nullable=False),
        sa.Column('configuration_id', sa.String(length=36), nullable=True),
        sa.Column('serial', sa.Integer(), nullable=False),
        sa.Column('applied_serial', sa.Integer(), nullable=False),
        sa.Column('restart_required', sa.Boolean(), nullable=False),
        sa.Column('updated', _datetime(), nullable=False),
        sa.ForeignKeyConstraint(['configuration_id'], ['configurations.id'], ),
        sa.ForeignKeyConstraint(['instance_id'], ['instances.id'], ),
        sa.PrimaryKeyConstraint('instance_id'))
    with op.batch_alter_table('instance_configurations') as batch_op:
        batch_op.create_index(
            batch_op.f('ix_instance_configurations_configuration_id'),
            ['configuration_id'], unique=False)
