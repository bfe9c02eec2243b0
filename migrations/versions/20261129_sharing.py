"""Sharing sessions between Charter signatories: sessions, registrations with their waiting list, the resources
of the library (a session's or the Guichet's toolbox) and the facilitators

Revision ID: dade3403d983
Revises: 251540b406af
Create Date: 2026-11-26 02:23:11.784362

"""
import sqlalchemy as sa
from alembic import op

import portal.database

# revision identifiers, used by Alembic.
revision = 'dade3403d983'
down_revision = '251540b406af'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('facilitators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('structure', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('website', sa.String(length=500), nullable=False),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('bio_fr', sa.Text(), nullable=False),
    sa.Column('bio_nl', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_facilitators'))
    )
    op.create_table('sharing_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title_fr', sa.String(length=200), nullable=False),
    sa.Column('title_nl', sa.String(length=200), nullable=False),
    sa.Column('agenda_fr', sa.Text(), nullable=False),
    sa.Column('agenda_nl', sa.Text(), nullable=False),
    sa.Column('theme', sa.Enum('governance', 'social_support', 'culture', 'safety', 'legal', 'works', 'neighbourhood', 'evaluation', name='theme', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('starts_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('place_kind', sa.Enum('site', 'address', 'online', name='placekind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('online_url', sa.String(length=500), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('places_per_organisation', sa.Integer(), nullable=False),
    sa.Column('audience', sa.Enum('signatories', 'partners', 'public', name='audience', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('registration_deadline', portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('facilitator_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('planned', 'cancelled', name='sessionstatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=False),
    sa.Column('minutes_fr', sa.Text(), nullable=False),
    sa.Column('minutes_nl', sa.Text(), nullable=False),
    sa.Column('minutes_published_at', portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('attendance_recorded_at', portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reminded_at', portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('lock', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('capacity > 0', name=op.f('ck_sharing_sessions_capacity')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_sharing_sessions_time_order')),
    sa.CheckConstraint('places_per_organisation > 0', name=op.f('ck_sharing_sessions_places_per_organisation')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_sharing_sessions_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['facilitator_id'], ['facilitators.id'], name=op.f('fk_sharing_sessions_facilitator_id_facilitators'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_sharing_sessions_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_sharing_sessions_site_id_sites'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sharing_sessions'))
    )
    with op.batch_alter_table('sharing_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sharing_sessions_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sharing_sessions_site_id'), ['site_id'], unique=False)
        batch_op.create_index('ix_sharing_sessions_starts_at', ['starts_at'], unique=False)

    op.create_table('session_registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('registered_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('registered', 'waiting', 'cancelled', name='registrationstatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('queued_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('promoted_at', portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('attended', sa.Boolean(), nullable=True),
    sa.Column('lock', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_session_registrations_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registered_by_id'], ['users.id'], name=op.f('fk_session_registrations_registered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['sharing_sessions.id'], name=op.f('fk_session_registrations_session_id_sharing_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_session_registrations_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_registrations')),
    sa.UniqueConstraint('session_id', 'user_id', name=op.f('uq_session_registrations_session_id'))
    )
    with op.batch_alter_table('session_registrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_registrations_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_session_registrations_queue', ['session_id', 'status', 'queued_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_session_registrations_user_id'), ['user_id'], unique=False)

    op.create_table('shared_resources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('theme', sa.Enum('governance', 'social_support', 'culture', 'safety', 'legal', 'works', 'neighbourhood', 'evaluation', name='theme', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('title_fr', sa.String(length=200), nullable=False),
    sa.Column('title_nl', sa.String(length=200), nullable=False),
    sa.Column('description_fr', sa.Text(), nullable=False),
    sa.Column('description_nl', sa.Text(), nullable=False),
    sa.Column('kind', sa.Enum('file', 'link', 'minutes', name='resourcekind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('file', sa.String(length=80), nullable=False),
    sa.Column('original_name', sa.String(length=200), nullable=False),
    sa.Column('mimetype', sa.String(length=120), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(kind = 'link' AND url <> '') OR (kind = 'file' AND file <> '') OR (kind = 'minutes' AND session_id IS NOT NULL)", name=op.f('ck_shared_resources_link_or_file')),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], name=op.f('fk_shared_resources_added_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['sharing_sessions.id'], name=op.f('fk_shared_resources_session_id_sharing_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shared_resources'))
    )
    with op.batch_alter_table('shared_resources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shared_resources_session_id'), ['session_id'], unique=False)



def downgrade():
    with op.batch_alter_table('shared_resources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shared_resources_session_id'))

    op.drop_table('shared_resources')
    with op.batch_alter_table('session_registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_registrations_user_id'))
        batch_op.drop_index('ix_session_registrations_queue')
        batch_op.drop_index(batch_op.f('ix_session_registrations_organisation_id'))

    op.drop_table('session_registrations')
    with op.batch_alter_table('sharing_sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_sharing_sessions_starts_at')
        batch_op.drop_index(batch_op.f('ix_sharing_sessions_site_id'))
        batch_op.drop_index(batch_op.f('ix_sharing_sessions_organisation_id'))

    op.drop_table('sharing_sessions')
    op.drop_table('facilitators')
