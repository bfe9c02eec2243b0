"""Public management right (issue 19): the index series the Guichet keeps (the health index for the capped rents,
the ABEX index for the loan's cap), one value a month

Revision ID: w7_dgp_indices
Revises: w6_register_order
Create Date: 2026-12-03 10:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "w7_dgp_indices"
down_revision = "w6_register_order"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "dgp_index_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series", sa.Enum("health", "abex", name="series", native_enum=False, create_constraint=True,
                                    length=16), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("value", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("value > 0", name=op.f("ck_dgp_index_values_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dgp_index_values")),
        sa.UniqueConstraint("series", "month", name=op.f("uq_dgp_index_values_series")),
    )


def downgrade():
    op.drop_table("dgp_index_values")
