"""Trust (issue 21): an account erased at its holder's request

Revision ID: w19_erased_accounts
Revises: w18_second_factor
Create Date: 2026-12-03 21:30:00

"""
import sqlalchemy as sa
from alembic import op

import portal.database

revision = 'w19_erased_accounts'
down_revision = 'w18_second_factor'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_at', portal.database.UTCDateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('erased_at')
    if op.get_bind().dialect.name == "sqlite":
        # SQLite's batch mode copied the table without its index on lower(email), which Alembic cannot reflect.
        op.create_index('uq_users_email_lower', 'users', [sa.text('lower(email)')], unique=True)
