"""Reports: each party's list read on its own index (organisation or occupant, then due date), so that the
list does not walk the due dates of every report on PostgreSQL

Revision ID: f5cce75b629c
Revises: dade3403d983
Create Date: 2026-11-26 02:47:51.219336

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f5cce75b629c'
down_revision = 'dade3403d983'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index('ix_reports_occupant_due', ['occupant_id', 'due_on', 'id'], unique=False)
        batch_op.create_index('ix_reports_owner_due', ['organisation_id', 'due_on', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index('ix_reports_owner_due')
        batch_op.drop_index('ix_reports_occupant_due')

