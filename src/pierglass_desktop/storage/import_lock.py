"""One import at a time on a shared server database.

Two coordinators importing the same file at the same moment must apply it once. On PostgreSQL
an import's transaction first takes a transaction-scoped advisory lock: the second import waits
until the first has committed, then sees its import record and its rows, and applies nothing
twice. A database file needs no such lock: its lock file lets one program in at a time.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

IMPORT_LOCK = 0x50676C02  # the opening lock is storage/server.py's OPENING_LOCK


def import_lock(session: Session) -> None:
    """Wait for any other import into this database; held until this transaction ends."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK})
