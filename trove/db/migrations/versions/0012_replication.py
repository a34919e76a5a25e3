"""instances.replica_of_id: a read replica's source

Revision ID: 0012
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('instances') as batch_op:
        batch_op.add_column(sa.Column('replica_of_id', sa.String(36),
                                      nullable=True))
        batch_op.create_index(batch_op.f('ix_instances_replica_of_id'),
                              ['replica_of_id'], unique=False)


def downgrade():
    with op.batch_alter_table('instances') as batch_op:
        batch_op.drop_index(batch_op.f('ix_instances_replica_of_id'))
        batch_op.drop_column('replica_of_id')
