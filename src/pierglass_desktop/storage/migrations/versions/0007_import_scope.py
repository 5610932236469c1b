"""what each imported sync file covered, and what its installation had seen

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

Conflict checks ask what the file's installation held when it exported. Only an export of all
its groups answers that; one of chosen groups (`--group`) says nothing of the others, yet it
moved the "last import" time for all of them, so a later whole file's older changes to the
other groups slipped past as unchanged. Imports recorded before this revision are taken as
whole exports, as they were treated until now. Each import also keeps the file's list of the
whole exports its installation had imported (sync format 2), so this installation's own list
includes what reached it by way of another: a group handed from one tutor to another through
the coordinator is no longer a conflict at each of the new tutor's edits.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "import_records",
        sa.Column("scope", sa.Text(), nullable=False, server_default="all"),
    )
    op.add_column("import_records", sa.Column("seen", sa.JSON(), nullable=True))


def downgrade() -> None:
    # Revision 0006 treats every import as a whole export; the records themselves stay.
    with op.batch_alter_table("import_records") as batch:
        batch.drop_column("seen")
        batch.drop_column("scope")
