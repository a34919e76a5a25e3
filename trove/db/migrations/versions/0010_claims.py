"""claims: who does an instance's workflows or a periodic pass now (shared
by several taskmanagers)

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'claims',
        sa.Column('name', sa.String(80), primary_key=True),
        sa.Column('holder', sa.String(255), nullable=False),
        sa.Column('expires',
                  sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql',
                                             'mariadb'),
                  nullable=False))
