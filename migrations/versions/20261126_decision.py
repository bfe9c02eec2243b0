"""Decision: the score agreed in a consensus, and the decided states of an application

Revision ID: 7c41d2e9a0b3
Revises: 5a7b8b850f14
Create Date: 2026-11-25 20:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = '7c41d2e9a0b3'
down_revision = '5a7b8b850f14'
branch_labels = None
depends_on = None

BEFORE = ('draft', 'submitted', 'withdrawn')
AFTER = BEFORE + ('selected', 'not_selected', 'ineligible')


def _statuses(values):
    quoted = ", ".join(f"'{value}'" for value in values)
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_applications_applicationstatus'), type_='check')
        batch_op.create_check_constraint('applicationstatus', f"status IN ({quoted})")


def upgrade():
    with op.batch_alter_table('evaluation_consensus', schema=None) as batch_op:
        batch_op.add_column(sa.Column('score', sa.Integer(), nullable=True))
    _statuses(AFTER)


def downgrade():
    op.execute("UPDATE applications SET status = 'submitted' WHERE status IN ('selected', 'not_selected', 'ineligible')")
    _statuses(BEFORE)
    with op.batch_alter_table('evaluation_consensus', schema=None) as batch_op:
        batch_op.drop_column('score')
