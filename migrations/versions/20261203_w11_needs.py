"""Needs (issue 20): what associations look for

Revision ID: w11_needs
Revises: w10_dgp_loan_support
Create Date: 2026-12-03 16:03:19.306096

"""
import sqlalchemy as sa
from alembic import op

import portal.database

# revision identifiers, used by Alembic.
revision = 'w11_needs'
down_revision = 'w10_dgp_loan_support'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('needs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('published', 'withdrawn', name='needstatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('visibility', sa.Enum('owners', 'public', name='visibility', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('title_fr', sa.String(length=160), nullable=False),
    sa.Column('title_nl', sa.String(length=160), nullable=False),
    sa.Column('description_fr', sa.Text(), nullable=False),
    sa.Column('description_nl', sa.Text(), nullable=False),
    sa.Column('uses', sa.JSON(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('communes', sa.JSON(), nullable=False),
    sa.Column('surface_min', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('surface_max', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('months', sa.Integer(), nullable=True),
    sa.Column('free_only', sa.Boolean(), nullable=False),
    sa.Column('monthly_max', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('equipment', sa.JSON(), nullable=False),
    sa.Column('people', sa.Integer(), nullable=True),
    sa.Column('confirmed_on', sa.Date(), nullable=False),
    sa.Column('reminded_for', sa.Date(), nullable=True),
    sa.Column('created_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('surface_min IS NULL OR surface_max IS NULL OR surface_min <= surface_max', name=op.f('ck_needs_surface_range')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_needs_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_needs'))
    )
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.create_index('ix_needs_current', ['status', 'confirmed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_needs_organisation_id'), ['organisation_id'], unique=False)


def downgrade():
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_needs_organisation_id'))
        batch_op.drop_index('ix_needs_current')

    op.drop_table('needs')