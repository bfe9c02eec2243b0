"""The vacancy register (issue 19): places reported as vacant, public or private, by the communes, the CPAS, the
Guichet, associations and the public; the commune's moderation and what became of each

Revision ID: w8_vacancy_signals
Revises: w7_dgp_indices
Create Date: 2026-12-03 12:15:46.767562

"""
import sqlalchemy as sa
from alembic import op

import portal.database

# revision identifiers, used by Alembic.
revision = 'w8_vacancy_signals'
down_revision = 'w7_dgp_indices'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('vacancy_signals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('unconfirmed', 'pending', 'accepted', 'merged', 'rejected', 'site', 'dgp_case', 'occupancy', 'closed', name='signalstatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('street', sa.String(length=200), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('postcode', sa.String(length=4), nullable=False),
    sa.Column('commune', sa.String(length=40), nullable=False),
    sa.Column('address_key', sa.String(length=240), nullable=False),
    sa.Column('latitude', sa.Double(), nullable=False),
    sa.Column('longitude', sa.Double(), nullable=False),
    sa.Column('kind', sa.Enum('dwelling', 'building', 'ground_floor', 'land', name='placekind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('owner_type', sa.Enum('public', 'private', 'unknown', name='ownertype', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('owner_name', sa.String(length=200), nullable=False),
    sa.Column('owner_contact', sa.String(length=300), nullable=False),
    sa.Column('vacant_since', sa.Date(), nullable=True),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('photo_file', sa.String(length=80), nullable=True),
    sa.Column('reported_by_id', sa.Integer(), nullable=True),
    sa.Column('reporter_organisation_id', sa.Integer(), nullable=True),
    sa.Column('reporter_email', sa.String(length=254), nullable=False),
    sa.Column('reporter_language', sa.String(length=2), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('confirm_by', portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('closure', sa.Enum('occupied_again', 'not_vacant', 'demolished', name='closure', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('site_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180', name=op.f('ck_vacancy_signals_point')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['vacancy_signals.id'], name=op.f('fk_vacancy_signals_merged_into_id_vacancy_signals'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reported_by_id'], ['users.id'], name=op.f('fk_vacancy_signals_reported_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reporter_organisation_id'], ['organisations.id'], name=op.f('fk_vacancy_signals_reporter_organisation_id_organisations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_vacancy_signals_site_id_sites'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vacancy_signals')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_vacancy_signals_token_hash'))
    )
    with op.batch_alter_table('vacancy_signals', schema=None) as batch_op:
        batch_op.create_index('ix_vacancy_signals_address', ['address_key'], unique=False)
        batch_op.create_index('ix_vacancy_signals_commune', ['commune', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_vacancy_signals_reporter_organisation_id'), ['reporter_organisation_id'], unique=False)



def downgrade():
    with op.batch_alter_table('vacancy_signals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vacancy_signals_reporter_organisation_id'))
        batch_op.drop_index('ix_vacancy_signals_commune')
        batch_op.drop_index('ix_vacancy_signals_address')

    op.drop_table('vacancy_signals')
