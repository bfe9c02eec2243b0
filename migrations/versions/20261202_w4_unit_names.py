"""Units are named in French and in Dutch: units.label becomes label_fr (the names typed so far, most of them
French), and label_nl is added, empty until the owner names the unit in Dutch (the French name is shown meanwhile)

Revision ID: w4_unit_names
Revises: f5cce75b629c
Create Date: 2026-12-02 09:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "w4_unit_names"
down_revision = "w2_report_answer"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.alter_column("label", new_column_name="label_fr", existing_type=sa.String(length=120),
                              existing_nullable=False)
        batch_op.add_column(sa.Column("label_nl", sa.String(length=120), server_default="", nullable=False))


def downgrade():
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_column("label_nl")
        batch_op.alter_column("label_fr", new_column_name="label", existing_type=sa.String(length=120),
                              existing_nullable=False)
