"""Calls (issue 17): how to contest a decision, stated on the call in French and Dutch with its delay; the
decision's reasons in French and in Dutch; a call approved by the Guichet waits for its planned publication
(its status "approved", and who approved it)

Revision ID: w3_calls
Revises: f5cce75b629c
Create Date: 2026-12-02 09:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'w3_calls'
down_revision = "w1_signups"
branch_labels = None
depends_on = None

STATUSES = ('draft', 'submitted', 'returned', 'published', 'closed', 'evaluation', 'decided', 'cancelled')


def _statuses(values):
    quoted = ", ".join(f"'{value}'" for value in values)
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_calls_callstatus'), type_='check')
        batch_op.create_check_constraint('callstatus', f"status IN ({quoted})")


def upgrade():
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.add_column(sa.Column('appeal_body_fr', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('appeal_body_nl', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('appeal_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('approved_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_calls_approved_by_id_users'), 'users', ['approved_by_id'], ['id'],
                                    ondelete='SET NULL')
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.alter_column('appeal_body_fr', server_default=None)
        batch_op.alter_column('appeal_body_nl', server_default=None)
    _statuses(STATUSES + ('approved',))
    # The reasons written so far were one text: it stands for both languages until someone corrects it.
    with op.batch_alter_table('evaluation_decisions', schema=None) as batch_op:
        batch_op.alter_column('reasons', new_column_name='reasons_fr', existing_type=sa.Text(), existing_nullable=False)
        batch_op.add_column(sa.Column('reasons_nl', sa.Text(), nullable=True))
    op.execute("UPDATE evaluation_decisions SET reasons_nl = reasons_fr")
    with op.batch_alter_table('evaluation_decisions', schema=None) as batch_op:
        batch_op.alter_column('reasons_nl', existing_type=sa.Text(), nullable=False)


def downgrade():
    with op.batch_alter_table('evaluation_decisions', schema=None) as batch_op:
        batch_op.drop_column('reasons_nl')
        batch_op.alter_column('reasons_fr', new_column_name='reasons', existing_type=sa.Text(), existing_nullable=False)
    # A call approved but not public yet goes back to the Guichet's list.
    op.execute("UPDATE calls SET status = 'submitted' WHERE status = 'approved'")
    _statuses(STATUSES)
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_calls_approved_by_id_users'), type_='foreignkey')
        batch_op.drop_column('approved_by_id')
        batch_op.drop_column('appeal_days')
        batch_op.drop_column('appeal_body_nl')
        batch_op.drop_column('appeal_body_fr')
