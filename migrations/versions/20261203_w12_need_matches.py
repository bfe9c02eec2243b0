"""Needs (issue 20): the places each current need met

Revision ID: w12_need_matches
Revises: w11_needs
Create Date: 2026-12-03 17:33:51.702228

"""
import sqlalchemy as sa
from alembic import op

import portal.database

# revision identifiers, used by Alembic.
revision = 'w12_need_matches'
down_revision = 'w11_needs'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('need_matches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('offer', sa.String(length=24), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=True),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('lines', sa.JSON(), nullable=False),
    sa.Column('told_at', portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_need_matches_call_id_calls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_need_matches_need_id_needs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_need_matches_site_id_sites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_matches')),
    sa.UniqueConstraint('need_id', 'offer', name='uq_need_matches_offer')
    )
    with op.batch_alter_table('need_matches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_matches_call_id'), ['call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_matches_need_id'), ['need_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_matches_offer'), ['offer'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_matches_site_id'), ['site_id'], unique=False)



def downgrade():
    with op.batch_alter_table('need_matches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_matches_site_id'))
        batch_op.drop_index(batch_op.f('ix_need_matches_offer'))
        batch_op.drop_index(batch_op.f('ix_need_matches_need_id'))
        batch_op.drop_index(batch_op.f('ix_need_matches_call_id'))

    op.drop_table('need_matches')
