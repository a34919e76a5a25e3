"""backup_schedules: cron schedules of backups with their retention;
backups.schedule_id: the schedule that made a backup

Revision ID: 0014
Revises: 0012
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql


revision = '0014'
down_revision = '0012'
branch_labels = None
depends_on = None


def _datetime():
    return sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql',
                                      'mariadb')


def upgrade():
    op.create_table(
        'backup_schedules',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('project_id', sa.String(length=255), nullable=False),
        sa.Column('instance_id', sa.String(length=36), nullable=False),
        sa.Column('cron', sa.String(length=255), nullable=False),
        sa.Column('incremental', sa.Boolean(), nullable=False),
        sa.Column('keep', sa.Integer(), nullable=False),
        sa.Column('next_run', _datetime(), nullable=False),
        sa.Column('last_run', _datetime(), nullable=True),
        sa.Column('last_backup_id', sa.String(length=36), nullable=True),
        sa.Column('last_error', sa.String(length=1024), nullable=True),
        sa.Column('created', _datetime(), nullable=False),
        sa.PrimaryKeyConstraint('id'))
    with op.batch_alter_table('backup_schedules') as batch_op:
        for column in ('instance_id', 'next_run', 'project_id'):
            batch_op.create_index(
                batch_op.f('ix_backup_schedules_%s' % column), [column],
                unique=False)
    with op.batch_alter_table('backups') as batch_op:
        batch_op.add_column(sa.Column('schedule_id', sa.String(length=36),
                                      nullable=True))
        batch_op.create_index(batch_op.f('ix_backups_schedule_id'),
                              ['schedule_id'], unique=False)
