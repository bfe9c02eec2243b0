"""Notifications (issue 20): each person's choice of e-mails per kind, and the digests

Revision ID: w14_notification_preferences
Revises: w13_need_proposals
Create Date: 2026-12-03 17:52:51.362055

"""
import sqlalchemy as sa
from alembic import op

import portal.database

# revision identifiers, used by Alembic.
revision = 'w14_notification_preferences'
down_revision = 'w13_need_proposals'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notification_preferences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=80), nullable=False),
    sa.Column('frequency', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_preferences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_preferences')),
    sa.UniqueConstraint('user_id', 'kind', name='uq_notification_preferences_kind')
    )
    with op.batch_alter_table('notification_preferences', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_preferences_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('digest_sent_at', portal.database.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_notifications_digest', ['digest', 'digest_sent_at'], unique=False)



def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_digest')
        batch_op.drop_column('digest_sent_at')
        batch_op.drop_column('digest')

    with op.batch_alter_table('notification_preferences', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_preferences_user_id'))

    op.drop_table('notification_preferences')
