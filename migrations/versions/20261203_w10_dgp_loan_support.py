"""Public management right (issue 19): the steps' documents, the loan, the supporting organisation, the reminders of
deadlines, the days spent in each phase (the cases already open start with none: their next step fills them in)

Revision ID: w10_dgp_loan_support
Revises: w9_dgp_cases
Create Date: 2026-12-03 15:16:25.951445

"""
import sqlalchemy as sa
from alembic import op

import portal.database

# revision identifiers, used by Alembic.
revision = 'w10_dgp_loan_support'
down_revision = 'w9_dgp_cases'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('dgp_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=True),
    sa.Column('file', sa.String(length=80), nullable=False),
    sa.Column('original_name', sa.String(length=200), nullable=False),
    sa.Column('mimetype', sa.String(length=120), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_dgp_documents_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['case_id'], ['dgp_cases.id'], name=op.f('fk_dgp_documents_case_id_dgp_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['step_id'], ['dgp_steps.id'], name=op.f('fk_dgp_documents_step_id_dgp_steps'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dgp_documents'))
    )
    with op.batch_alter_table('dgp_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dgp_documents_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dgp_documents_step_id'), ['step_id'], unique=False)

    with op.batch_alter_table('dgp_cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phase_days', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('loan_amount', sa.Numeric(precision=12, scale=2), nullable=True))
        batch_op.add_column(sa.Column('loan_months', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('loan_granted', sa.Numeric(precision=12, scale=2), nullable=True))
        batch_op.add_column(sa.Column('loan_contract_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('support_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reminded_soon_for', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('reminded_due_for', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_dgp_cases_support_id'), ['support_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_dgp_cases_support_id_organisations'), 'organisations', ['support_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('dgp_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dgp_documents_step_id'))
        batch_op.drop_index(batch_op.f('ix_dgp_documents_case_id'))
    op.drop_table('dgp_documents')
    with op.batch_alter_table('dgp_cases', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_dgp_cases_support_id_organisations'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_dgp_cases_support_id'))
        batch_op.drop_column('reminded_due_for')
        batch_op.drop_column('reminded_soon_for')
        batch_op.drop_column('support_id')
        batch_op.drop_column('loan_contract_on')
        batch_op.drop_column('loan_granted')
        batch_op.drop_column('loan_months')
        batch_op.drop_column('loan_amount')
        batch_op.drop_column('phase_days')
