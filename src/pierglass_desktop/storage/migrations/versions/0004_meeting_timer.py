"""the run-session timer kept with the meeting

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

Which agenda item is on and since when, so the run-session screen reopens where the meeting
was after a crash or a dead battery. Two nullable columns: SQLite adds them without a rebuild.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE: a batch rebuild of "meetings" would drop a table others point at.
    op.add_column("meetings", sa.Column("timer_item_id", sa.String(length=36), nullable=True))
    op.add_column("meetings", sa.Column("timer_started_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    # Revision 0003 has no timer: a meeting reopened there starts at its first item.
    op.drop_column("meetings", "timer_started_at")
    op.drop_column("meetings", "timer_item_id")
