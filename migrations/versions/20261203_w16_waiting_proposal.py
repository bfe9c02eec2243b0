"""Needs (issue 20): one waiting proposal of a site to a need

Revision ID: w16_waiting_proposal
Revises: w15_saved_searches
Create Date: 2026-12-03 18:32:32.412149

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'w16_waiting_proposal'
down_revision = 'w15_saved_searches'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('need_proposals', schema=None) as batch_op:
        batch_op.create_index('uq_need_proposals_waiting', ['need_id', 'site_id'], unique=True, sqlite_where=sa.text("status = 'sent'"), postgresql_where=sa.text("status = 'sent'"))



def downgrade():
    with op.batch_alter_table('need_proposals', schema=None) as batch_op:
        batch_op.drop_index('uq_need_proposals_waiting', sqlite_where=sa.text("status = 'sent'"), postgresql_where=sa.text("status = 'sent'"))

