"""Sign-ups waiting for their address to be confirmed: an association's registration creates its account and
its organisation only once the link sent to its administrator's address is followed (issue 17, item 21)

Revision ID: w1_signups
Revises: f5cce75b629c
Create Date: 2026-12-02 08:48:42.032210

"""
import sqlalchemy as sa
from alembic import op

import portal.database

# revision identifiers, used by Alembic.
revision = 'w1_signups'
down_revision = 'w5_org_review'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sign_ups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('purpose', sa.String(length=40), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_ups')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_sign_ups_token_hash'))
    )
    with op.batch_alter_table('sign_ups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_ups_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_ups_expires_at'), ['expires_at'], unique=False)



def downgrade():
    with op.batch_alter_table('sign_ups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_ups_expires_at'))
        batch_op.drop_index(batch_op.f('ix_sign_ups_email'))

    op.drop_table('sign_ups')
