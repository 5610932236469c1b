"""The schema revision this version of the program writes.

Kept as a constant so that opening an up-to-date database needs no Alembic import; a test
checks it against the newest revision file.
"""

HEAD_REVISION = "0006"

# Revisions whose SQLite files hold exactly the head's tables, indexes and triggers (0006 changed
# PostgreSQL's trigger functions only): a reader that may not write, such as ``list`` on a
# read-only USB stick, takes them as they are. Opening to write still brings them up to date.
SQLITE_READ_AS_HEAD = frozenset({"0005"})
