"""a bulk load indexes the records it inserts, not the whole database again

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

An import paused the search index's triggers and rebuilt the whole index afterwards: on a
coordinator's ten years that was 4.6 s of a 13 s import, however small the files. Now only the
inserts wait, to be indexed at the end, and changes and deletions keep their triggers. On
PostgreSQL the trigger functions learn the new pause ("inserts"); SQLite's triggers are the same
as before (a bulk load drops and remakes only the insert triggers), so it has nothing to do.
"""

from alembic import op

from pierglass_desktop.storage import search_pg

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql" and search_pg.index_exists(connection):
        search_pg.replace_triggers(connection)


def downgrade() -> None:
    # The functions made here still pause every edit for "on", as revision 0005 asks: they stay.
    pass
