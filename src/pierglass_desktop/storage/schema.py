"""The schema revision this version of the program writes.

Kept as a constant so that opening an up-to-date database needs no Alembic import; a test
checks it against the newest revision file.
"""

HEAD_REVISION = "0007"

# Revisions whose SQLite files hold exactly the head's tables, indexes and triggers (a revision
# that changes PostgreSQL's trigger functions only, as 0006 did): a reader that may not write,
# such as ``list`` on a read-only USB stick, takes them as they are. Opening to write still
# brings them up to date. None now: 0007 added a column to the import records.
SQLITE_READ_AS_HEAD: frozenset[str] = frozenset()
