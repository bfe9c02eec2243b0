"""Trust (issue 21): the sign-ins of the Guichet's security record

Revision ID: w21_sign_in_events
Revises: w20_appeals
Create Date: 2026-12-03 21:44:50.219444

"""
import sqlalchemy as sa
from alembic import op

import portal.database

# revision identifiers, used by Alembic.
revision = 'w21_sign_in_events'
down_revision = 'w20_appeals'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sign_in_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('outcome', sa.String(length=40), nullable=False),
    sa.Column('network', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sign_in_events_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_events'))
    )
    with op.batch_alter_table('sign_in_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_events_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_events_outcome'), ['outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_events_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('sign_in_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_events_user_id'))
        batch_op.drop_index(batch_op.f('ix_sign_in_events_outcome'))
        batch_op.drop_index(batch_op.f('ix_sign_in_events_at'))

    op.drop_table('sign_in_events')
