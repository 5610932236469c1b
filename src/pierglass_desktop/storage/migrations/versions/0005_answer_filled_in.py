"""how a questionnaire was filled in

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

Each set of answers records whether the member and the tutor filled it in together, the member
alone, or the tutor afterwards from the member's paper: the funder's evaluator asks. Nullable,
so answers written before this revision stay "not recorded". SQLite adds it without a rebuild.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE: a batch rebuild would drop a table the answers point at.
    op.add_column(
        "assessment_responses",
        sa.Column(
            "filled_in",
            sa.Enum("together", "member", "tutor", name="fillmode", native_enum=False, length=32),
            nullable=True,
        ),
    )


def downgrade() -> None:
    # Revision 0004 does not know how answers were filled in; the answers themselves stay.
    op.drop_column("assessment_responses", "filled_in")
