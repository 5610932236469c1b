"""files attached to template items

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28

A template keeps the files of the agenda it was saved from: a material link may now point at a
template item. A batch migration, so SQLite rebuilds the table with the named foreign key.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("material_links", schema=None) as batch_op:
        batch_op.add_column(sa.Column("template_item_id", sa.String(length=36), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_material_links_template_item_id"), ["template_item_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_material_links_template_item_id_template_items"),
            "template_items",
            ["template_item_id"],
            ["id"],
        )


def downgrade() -> None:
    # Revision 0002 cannot say where these files belong; their materials stay.
    op.execute("DELETE FROM material_links WHERE template_item_id IS NOT NULL")
    with op.batch_alter_table("material_links", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_material_links_template_item_id_template_items"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_material_links_template_item_id"))
        batch_op.drop_column("template_item_id")
