"""Trust (issue 21): appeals against a call's decision, and the call's standstill before its agreements are sent

Revision ID: w20_appeals
Revises: w19_erased_accounts
Create Date: 2026-12-03 21:33:32.101382

"""
import sqlalchemy as sa
from alembic import op

import portal.database

# revision identifiers, used by Alembic.
revision = 'w20_appeals'
down_revision = 'w19_erased_accounts'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('appeals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('lodged', 'rejected', 'upheld', name='appealstatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('document_file', sa.String(length=80), nullable=True),
    sa.Column('document_name', sa.String(length=200), nullable=True),
    sa.Column('document_mimetype', sa.String(length=100), nullable=True),
    sa.Column('lodged_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('lodged_by_id', sa.Integer(), nullable=True),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('answered_at', portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_appeals_answered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_appeals_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_appeals_call_id_calls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['lodged_by_id'], ['users.id'], name=op.f('fk_appeals_lodged_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_appeals_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appeals'))
    )
    with op.batch_alter_table('appeals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appeals_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appeals_call_id'), ['call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appeals_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appeals_status'), ['status'], unique=False)
        batch_op.create_index('uq_appeals_lodged', ['application_id'], unique=True, sqlite_where=sa.text("status = 'lodged'"), postgresql_where=sa.text("status = 'lodged'"))

    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.add_column(sa.Column('standstill_days', sa.Integer(), nullable=True))



def downgrade():
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_column('standstill_days')

    with op.batch_alter_table('appeals', schema=None) as batch_op:
        batch_op.drop_index('uq_appeals_lodged', sqlite_where=sa.text("status = 'lodged'"), postgresql_where=sa.text("status = 'lodged'"))
        batch_op.drop_index(batch_op.f('ix_appeals_status'))
        batch_op.drop_index(batch_op.f('ix_appeals_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_appeals_call_id'))
        batch_op.drop_index(batch_op.f('ix_appeals_application_id'))

    op.drop_table('appeals')
