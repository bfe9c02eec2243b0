"""Trust (issue 21): a protected site, whose exact place the public never reads

Revision ID: w17_protected_sites
Revises: w16_waiting_proposal
Create Date: 2026-12-03 18:52:07.399233

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'w17_protected_sites'
down_revision = 'w16_waiting_proposal'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.add_column(sa.Column('protected', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.drop_column('protected')

