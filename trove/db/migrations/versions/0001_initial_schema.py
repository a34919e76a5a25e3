"""initial schema

Revision ID: 0001
Revises:

"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('datastores',
                    sa.Column('id', sa.String(length=36), nullable=False),
                    sa.Column('name', sa.String(length=255), nullable=False),
                    sa.Column('default_version_id', sa.String(
                        length=36), nullable=True),
                    sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('name')
                    )
    op.create_table('flavors',
                    sa.Column('id', sa.String(length=36), nullable=False),
                    sa.Column('name', sa.String(length=255), nullable=False),
                    sa.Column('ram', sa.Integer(), nullable=False),
                    sa.Column('vcpus', sa.Integer(), nullable=False),
                    sa.Column('disk', sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('name')
                    )
    op.create_table('datastore_versions',
                    sa.Column('id', sa.String(length=36), nullable=False),
                    sa.Column('datastore_id', sa.String(
                        length=36), nullable=False),
                    sa.Column('name', sa.String(length=255), nullable=False),
                    sa.Column('manager', sa.String(
                        length=255), nullable=False),
                    sa.Column('image_id', sa.String(
                        length=255), nullable=True),
                    sa.Column('packages', sa.Text(), nullable=True),
                    sa.Column('version', sa.String(length=255), nullable=True),
                    sa.Column('active', sa.Boolean(), nullable=False),
                    sa.ForeignKeyConstraint(
                        ['datastore_id'], ['datastores.id'], ),
                    sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('datastore_id', 'name')
                    )
    op.create_table('instances',
                    sa.Column('id', sa.String(length=36), nullable=False),
                    sa.Column('name', sa.String(length=255), nullable=False),
                    sa.Column('project_id', sa.String(
                        length=255), nullable=False),
                    sa.Column('flavor_id', sa.String(
                        length=36), nullable=False),
                    sa.Column('volume_size', sa.Integer(), nullable=True),
                    sa.Column('datastore_version_id', sa.String(
                        length=36), nullable=False),
                    sa.Column('task_status', sa.String(
                        length=32), nullable=False),
                    sa.Column('task_deadline', sa.DateTime(), nullable=True),
                    sa.Column('compute_id', sa.String(
                        length=255), nullable=True),
                    sa.Column('address', sa.String(length=64), nullable=True),
                    sa.Column('encrypted_key', sa.Text(), nullable=True),
                    sa.Column('created', sa.DateTime(), nullable=False),
                    sa.Column('updated', sa.DateTime(), nullable=False),
                    sa.Column('deleted', sa.Boolean(), nullable=False),
                    sa.Column('deleted_at', sa.DateTime(), nullable=True),
                    sa.ForeignKeyConstraint(['datastore_version_id'], [
                        'datastore_versions.id'], ),
                    sa.PrimaryKeyConstraint('id')
                    )
    with op.batch_alter_table('instances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_instances_deleted'), [
                              'deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_instances_project_id'), [
                              'project_id'], unique=False)

    op.create_table('instance_faults',
                    sa.Column('id', sa.String(length=36), nullable=False),
                    sa.Column('instance_id', sa.String(
                        length=36), nullable=False),
                    sa.Column('message', sa.String(
                        length=1024), nullable=False),
                    sa.Column('details', sa.Text(), nullable=True),
                    sa.Column('created', sa.DateTime(), nullable=False),
                    sa.ForeignKeyConstraint(
                        ['instance_id'], ['instances.id'], ),
                    sa.PrimaryKeyConstraint('id')
                    )
    with op.batch_alter_table('instance_faults', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_instance_faults_instance_id'), [
                              'instance_id'], unique=False)

    op.create_table('service_statuses',
                    sa.Column('instance_id', sa.String(
                        length=36), nullable=False),
                    sa.Column('status', sa.String(length=32), nullable=False),
                    sa.Column('last_sent', sa.Float(), nullable=True),
                    sa.Column('updated', sa.DateTime(), nullable=False),
                    sa.ForeignKeyConstraint(
                        ['instance_id'], ['instances.id'], ),
                    sa.PrimaryKeyConstraint('instance_id')
                    )
    # ### end Alembic commands ###
