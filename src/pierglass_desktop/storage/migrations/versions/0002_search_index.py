"""full-text search index over notes, commitments, meetings and participants

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

The index itself is defined once in storage/search_index.py, which brand-new databases use too.
Where SQLite lacks FTS5 nothing is created and search falls back to LIKE.
"""

from alembic import op

from pierglass_desktop.storage import search_index

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    search_index.create_search_index(op.get_bind())


def downgrade() -> None:
    search_index.drop_search_index(op.get_bind())
