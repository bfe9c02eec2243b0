"""Reports: the occupant's answer to the owner's question, kept beside it so that the owner reads both when the
report comes back (issue 17)

Revision ID: w2_report_answer
Revises: f5cce75b629c
Create Date: 2026-12-02 10:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "w2_report_answer"
down_revision = "f5cce75b629c"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("occupant_answer", sa.Text(), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_column("occupant_answer")
