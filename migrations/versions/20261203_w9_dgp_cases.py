"""Public management right (issue 19): the operators' cases, their dwellings, steps and ledger, and their own wording
of the letters

Revision ID: w9_dgp_cases
Revises: w8_vacancy_signals
Create Date: 2026-12-03 12:59:23.757466

"""
import sqlalchemy as sa
from alembic import op

import portal.database

# revision identifiers, used by Alembic.
revision = 'w9_dgp_cases'
down_revision = 'w8_vacancy_signals'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('dgp_letter_texts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('letter', sa.Enum('visit_request', 'court_request', 'proposal', 'notice_refused', 'notice_silence', 'takeover', 'planning', 'annual_report', 'dirl', 'remaining_costs', 'takeover_date', name='letter', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_dgp_letter_texts_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dgp_letter_texts')),
    sa.UniqueConstraint('organisation_id', 'letter', 'language', name=op.f('uq_dgp_letter_texts_organisation_id'))
    )
    with op.batch_alter_table('dgp_letter_texts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dgp_letter_texts_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('dgp_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('phase', sa.Enum('analysis', 'visit', 'studies', 'proposal', 'taking_over', 'renovation', 'letting', 'end', 'stopped', name='phase', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('street', sa.String(length=200), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('postcode', sa.String(length=4), nullable=False),
    sa.Column('commune', sa.String(length=40), nullable=False),
    sa.Column('vacant_since', sa.Date(), nullable=True),
    sa.Column('owner_name', sa.String(length=200), nullable=False),
    sa.Column('owner_contact', sa.String(length=300), nullable=False),
    sa.Column('signal_id', sa.Integer(), nullable=True),
    sa.Column('next_due', sa.Date(), nullable=True),
    sa.Column('next_kind', sa.String(length=30), nullable=False),
    sa.Column('latest_on', sa.Date(), nullable=True),
    sa.Column('works_description', sa.Text(), nullable=False),
    sa.Column('works_cost', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('works_months', sa.Integer(), nullable=True),
    sa.Column('takeover_costs', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('management_costs', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('monthly_charges', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('common_provision', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('joint_holders', sa.Boolean(), nullable=False),
    sa.Column('communications', sa.Text(), nullable=False),
    sa.Column('created_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_dgp_cases_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['signal_id'], ['vacancy_signals.id'], name=op.f('fk_dgp_cases_signal_id_vacancy_signals'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dgp_cases'))
    )
    with op.batch_alter_table('dgp_cases', schema=None) as batch_op:
        batch_op.create_index('ix_dgp_cases_operator_phase', ['organisation_id', 'phase', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dgp_cases_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('dgp_dwellings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.Enum('studio', 'flat', 'house', name='dwellingkind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('bedrooms', sa.Integer(), nullable=False),
    sa.Column('gross_surface', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('rent', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.CheckConstraint('bedrooms >= 0 AND bedrooms <= 20', name=op.f('ck_dgp_dwellings_bedrooms')),
    sa.CheckConstraint('rent IS NULL OR rent > 0', name=op.f('ck_dgp_dwellings_rent')),
    sa.ForeignKeyConstraint(['case_id'], ['dgp_cases.id'], name=op.f('fk_dgp_dwellings_case_id_dgp_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dgp_dwellings'))
    )
    with op.batch_alter_table('dgp_dwellings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dgp_dwellings_case_id'), ['case_id'], unique=False)

    op.create_table('dgp_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('takeover_cost', 'management_cost', 'rent', name='entrykind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('amount > 0', name=op.f('ck_dgp_entries_positive')),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_dgp_entries_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['case_id'], ['dgp_cases.id'], name=op.f('fk_dgp_entries_case_id_dgp_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dgp_entries'))
    )
    with op.batch_alter_table('dgp_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dgp_entries_case_id'), ['case_id'], unique=False)

    op.create_table('dgp_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.Enum('owner_contacted', 'data_selected', 'decided_to_proceed', 'visit_requested', 'visit_agreed', 'visit_refused', 'court_authorisation_asked', 'police_booked', 'visit_held', 'visit_report', 'works_listed', 'budget_estimated', 'studies_go_on', 'studies_stopped', 'proposal_received', 'owner_agreed', 'owner_refused_with_reason', 'owner_refused', 'formal_notice_received', 'loan_filed', 'loan_answered', 'taken_over', 'planning_told', 'legal_registration', 'loan_released', 'final_project', 'permit_requested', 'works_started', 'provisional_acceptance', 'final_acceptance', 'energy_certificate', 'dirl_told', 'lease_signed', 'entry_inventory', 'annual_report_sent', 'early_requested', 'costs_notified', 'repaid', 'takeover_date_notified', 'ended', name='step', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('at', sa.Time(), nullable=True),
    sa.Column('sent_on', sa.Date(), nullable=True),
    sa.Column('works_months', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_dgp_steps_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['case_id'], ['dgp_cases.id'], name=op.f('fk_dgp_steps_case_id_dgp_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dgp_steps'))
    )
    with op.batch_alter_table('dgp_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dgp_steps_case_id'), ['case_id'], unique=False)



def downgrade():
    with op.batch_alter_table('dgp_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dgp_steps_case_id'))

    op.drop_table('dgp_steps')
    with op.batch_alter_table('dgp_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dgp_entries_case_id'))

    op.drop_table('dgp_entries')
    with op.batch_alter_table('dgp_dwellings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dgp_dwellings_case_id'))

    op.drop_table('dgp_dwellings')
    with op.batch_alter_table('dgp_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dgp_cases_organisation_id'))
        batch_op.drop_index('ix_dgp_cases_operator_phase')

    op.drop_table('dgp_cases')
    with op.batch_alter_table('dgp_letter_texts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dgp_letter_texts_organisation_id'))

    op.drop_table('dgp_letter_texts')
