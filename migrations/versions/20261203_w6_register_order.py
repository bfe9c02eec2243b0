"""Load (issue 18): an index in the register's order, so that a page of published sites is read from it instead
of sorting every published site

Revision ID: w6_register_order
Revises: w3_calls
Create Date: 2026-12-03 09:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "w6_register_order"
down_revision = "w3_calls"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_sites_register_order", "sites", ["publication", "name", "id"], unique=False)


def downgrade():
    op.drop_index("ix_sites_register_order", table_name="sites")
