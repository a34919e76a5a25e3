"""datastore_versions.image_tags: the tags that choose a version's Glance
image (the newest active image carrying them all); instances.
network_request: the create's networks and allowed CIDRs (JSON), for the
compute driver that honours them

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('datastore_versions') as batch_op:
        batch_op.add_column(sa.Column('image_tags', sa.Text, nullable=True))
    with op.batch_alter_table('instances') as batch_op:
        batch_op.add_column(sa.Column('network_request', sa.Text,
                                      nullable=True))
