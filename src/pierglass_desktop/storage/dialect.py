"""The few statements that differ between SQLite and PostgreSQL, written once for both."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Dialect, Table
from sqlalchemy.sql.dml import Insert


def marks(dialect: Dialect, count: int) -> str:
    """Positional placeholders for ``exec_driver_sql``: ``?`` for sqlite3, ``%s`` for psycopg."""
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    return ", ".join([mark] * count)


def upsert(dialect_name: str, table: Table, keys: tuple[str, ...]) -> Insert:
    """Insert a row, or replace the given columns of the row with the same id."""
    module: Any
    if dialect_name == "postgresql":
        from sqlalchemy.dialects import postgresql as module
    else:
        from sqlalchemy.dialects import sqlite as module
    statement = module.insert(table)
    changed = {key: statement.excluded[key] for key in keys}
    result: Insert = statement.on_conflict_do_update(index_elements=["id"], set_=changed)
    return result
