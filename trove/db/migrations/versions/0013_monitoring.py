"""service_statuses.volume_used and volume_total: the data volume's
filesystem usage (bytes) the guest reports with its heartbeats

Revision ID: 0013
Revises: 0014
"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('service_statuses') as batch_op:
        batch_op.add_column(sa.Column('volume_used', sa.BigInteger,
                                      nullable=True))
        batch_op.add_column(sa.Column('volume_total', sa.BigInteger,
                                      nullable=True))
