"""datastore_versions.capabilities

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    # Nullable: rows registered before have none, and their readers fall
    # back to the engine's manifest (trove.datastore.capabilities).
    with op.batch_alter_table('datastore_versions') as batch_op:
        batch_op.add_column(sa.Column('capabilities', sa.Text(),
                                      nullable=True))
