"""instances.addresses, instances.server_details

Revision ID: 0008
Revises: 0007
"""
import json

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('instances') as batch_op:
        batch_op.add_column(sa.Column('addresses', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('server_details', sa.Text(),
                                      nullable=True))
    # Every server recorded before this revision was made by the local
    # driver, whose one address is on the host's loopback network: say so,
    # so that views need no fallback that guesses a network name.
    instances = sa.table('instances', sa.column('id', sa.String),
                         sa.column('address', sa.String),
                         sa.column('addresses', sa.Text))
    connection = op.get_bind()
    rows = connection.execute(sa.select(instances.c.id, instances.c.address)
                              .where(instances.c.address.is_not(None)))
    for instance_id, address in rows.all():
        connection.execute(
            instances.update().where(instances.c.id == instance_id)
            .values(addresses=json.dumps([{'address': address,
                                           'type': 'private',
                                           'network': 'local'}])))
