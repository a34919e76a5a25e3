"""backups, backup_strategies

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def _datetime():
    return sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql',
                                      'mariadb')


def upgrade():
    op.create_table(
        'backups',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('description', sa.String(length=512), nullable=True),
        sa.Column('project_id', sa.String(length=255), nullable=False),
        sa.Column('instance_id', sa.String(length=36), nullable=True),
        sa.Column('parent_id', sa.String(length=36), nullable=True),
        sa.Column('datastore_version_id', sa.String(length=36),
                  nullable=False),
        sa.Column('status', sa.String(length=32), nullable=False),
        sa.Column('deadline', _datetime(), nullable=True),
        sa.Column('storage_driver', sa.String(length=32), nullable=False),
        sa.Column('container', sa.String(length=255), nullable=True),
        sa.Column('object_name', sa.String(length=255), nullable=True),
        sa.Column('location', sa.String(length=1024), nullable=True),
        sa.Column('size', sa.BigInteger(), nullable=True),
        sa.Column('checksum', sa.String(length=64), nullable=True),
        sa.Column('data_size', sa.BigInteger(), nullable=True),
        sa.Column('wrapped_key', sa.Text(), nullable=True),
        sa.Column('meta', sa.Text(), nullable=True),
        sa.Column('last_sent', sa.Float().with_variant(
            mysql.DOUBLE(asdecimal=False), 'mysql', 'mariadb'),
            nullable=True),
        sa.Column('fault', sa.String(length=1024), nullable=True),
        sa.Column('created', _datetime(), nullable=False),
        sa.Column('updated', _datetime(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('deleted_at', _datetime(), nullable=True),
        sa.ForeignKeyConstraint(['datastore_version_id'],
                                ['datastore_versions.id'], ),
        sa.PrimaryKeyConstraint('id'))
    with op.batch_alter_table('backups') as batch_op:
        for column in ('deleted', 'instance_id', 'parent_id', 'project_id'):
            batch_op.create_index(batch_op.f('ix_backups_%s' % column),
                                  [column], unique=False)
    op.create_table(
        'backup_strategies',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('project_id', sa.String(length=255), nullable=False),
        sa.Column('instance_id', sa.String(length=36), nullable=False),
        sa.Column('backend', sa.String(length=32), nullable=False),
        sa.Column('swift_container', sa.String(length=255), nullable=True),
        sa.Column('created', _datetime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('project_id', 'instance_id'))
