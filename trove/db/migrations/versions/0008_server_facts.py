"""instances.addresses, instances.server_details

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    # Nullable: servers created before have none; their views fall back
    # to the single address column.
    with op.batch_alter_table('instances') as batch_op:
        batch_op.add_column(sa.Column('addresses', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('server_details', sa.Text(),
                                      nullable=True))
