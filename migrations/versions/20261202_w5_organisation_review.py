"""Organisations (issue 17): the state "more information asked" with the association's answer, and the
association's statutes (a PDF, its stored name, the name it was given, when it was added)

Revision ID: w5_org_review
Revises: f5cce75b629c
Create Date: 2026-12-02 10:00:00

"""
import sqlalchemy as sa
from alembic import op

import portal.database

# revision identifiers, used by Alembic.
revision = 'w5_org_review'
down_revision = "w4_unit_names"
branch_labels = None
depends_on = None

OLD = ('pending', 'approved', 'rejected', 'suspended')
NEW = ('pending', 'information_requested', 'approved', 'rejected', 'suspended')


def _status(values):
    return sa.Enum(*values, name='organisationstatus', native_enum=False, create_constraint=True, length=32)


def upgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('information_answer', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('statutes_file', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('statutes_name', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('statutes_added_at', portal.database.UTCDateTime(timezone=True), nullable=True))
        batch_op.alter_column('status', existing_type=_status(OLD), type_=_status(NEW), existing_nullable=False)


def downgrade():
    op.execute("UPDATE organisations SET status = 'pending' WHERE status = 'information_requested'")
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.alter_column('status', existing_type=_status(NEW), type_=_status(OLD), existing_nullable=False)
        batch_op.drop_column('statutes_added_at')
        batch_op.drop_column('statutes_name')
        batch_op.drop_column('statutes_file')
        batch_op.drop_column('information_answer')
