"""Needs (issue 20): an owner's proposal of a site to a need, and the messages between the two

Revision ID: w13_need_proposals
Revises: w12_need_matches
Create Date: 2026-12-03 17:44:33.911270

"""
import sqlalchemy as sa
from alembic import op

import portal.database

# revision identifiers, used by Alembic.
revision = 'w13_need_proposals'
down_revision = 'w12_need_matches'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('need_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('occupant_id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('unit_ids', sa.JSON(), nullable=False),
    sa.Column('use_category', sa.Enum('emergency_housing', 'housing_insertion', 'culture', 'social_economy', 'circular_economy', 'climate_transition', 'public_service', 'other', name='usecategory', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('free_use', sa.Boolean(), nullable=False),
    sa.Column('monthly_fee', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('status', sa.Enum('sent', 'accepted', 'declined', 'withdrawn', name='proposalstatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=True),
    sa.Column('agreement_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('answered_at', portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('end_date IS NULL OR end_date >= start_date', name=op.f('ck_need_proposals_period')),
    sa.CheckConstraint('free_use OR monthly_fee IS NOT NULL', name=op.f('ck_need_proposals_fee_given')),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_need_proposals_agreement_id_agreements'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_need_proposals_need_id_needs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['occupant_id'], ['organisations.id'], name=op.f('fk_need_proposals_occupant_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_need_proposals_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_need_proposals_proposed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_need_proposals_site_id_sites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_proposals'))
    )
    with op.batch_alter_table('need_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_proposals_need_id'), ['need_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_proposals_occupant_id'), ['occupant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_proposals_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_proposals_site_id'), ['site_id'], unique=False)

    op.create_table('need_proposal_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_need_proposal_messages_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_need_proposal_messages_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposal_id'], ['need_proposals.id'], name=op.f('fk_need_proposal_messages_proposal_id_need_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_proposal_messages'))
    )
    with op.batch_alter_table('need_proposal_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_proposal_messages_proposal_id'), ['proposal_id'], unique=False)



def downgrade():
    with op.batch_alter_table('need_proposal_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_proposal_messages_proposal_id'))

    op.drop_table('need_proposal_messages')
    with op.batch_alter_table('need_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_proposals_site_id'))
        batch_op.drop_index(batch_op.f('ix_need_proposals_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_need_proposals_occupant_id'))
        batch_op.drop_index(batch_op.f('ix_need_proposals_need_id'))

    op.drop_table('need_proposals')
