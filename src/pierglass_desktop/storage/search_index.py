"""The full-text search index: an FTS5 table kept in step with notes, commitments, meetings and
participants by triggers, created both by migration 0002 and for brand-new databases.

Layout: ``search_keys`` gives every indexed record a stable integer rowid (records have text ids),
and ``search_fts`` holds, under that rowid, the record's kind, id, a display label and the text
that is searched. Triggers keep single-row edits in step; bulk loaders (imports, demo data) should
run inside ``paused(connection)``, which drops the triggers and rebuilds the index once at the
end, because a trigger per row makes a bulk insert many times slower.

Where SQLite lacks FTS5 nothing is created and search falls back to LIKE (services/search.py).
On PostgreSQL the same functions keep a tsvector index instead (storage/search_pg.py).
All functions take a SQLAlchemy Connection inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

FTS_TABLE = "search_fts"
KEYS_TABLE = "search_keys"


@dataclass(frozen=True)
class Source:
    kind: str
    table: str
    watched: tuple[str, ...]  # columns whose change re-indexes the row
    label: str  # SQL over {r}, the row (new / old / t): the title shown in results
    content: str  # SQL over {r}: the searched text


SOURCES = (
    Source("note", "notes", ("body",), "substr({r}.body, 1, 80)", "{r}.body"),
    Source(
        "commitment",
        "commitments",
        ("text", "follow_up_comment"),
        "substr({r}.text, 1, 80)",
        "{r}.text || ' ' || {r}.follow_up_comment",
    ),
    Source("meeting", "meetings", ("theme", "place"), "{r}.theme", "{r}.theme || ' ' || {r}.place"),
    Source(
        "participant",
        "participants",
        ("first_name", "last_name", "company_name"),
        "trim({r}.first_name || ' ' || {r}.last_name)",
        "{r}.first_name || ' ' || {r}.last_name || ' ' || {r}.company_name",
    ),
)


def is_index_table(name: str) -> bool:
    """Tables of the index (FTS5 adds shadow tables named search_fts_*), which are not models:
    a schema comparison (Alembic's include_object) should leave them out."""
    return name in (KEYS_TABLE, FTS_TABLE) or name.startswith(FTS_TABLE + "_")


def fts5_available(connection: Connection) -> bool:
    """Whether this SQLite can make FTS5 tables (probed with a temporary one)."""
    try:
        connection.exec_driver_sql("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
    except OperationalError:
        return False
    connection.exec_driver_sql("DROP TABLE temp.fts5_probe")
    return True


def on_server(connection: Connection) -> bool:
    return connection.dialect.name == "postgresql"


def index_exists(connection: Connection) -> bool:
    if on_server(connection):
        from pierglass_desktop.storage import search_pg

        return search_pg.index_exists(connection)
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
    ).first()
    return found is not None


def create_search_index(connection: Connection) -> bool:
    """Create, fill and start maintaining the index; False (and nothing made) without FTS5."""
    if on_server(connection):
        from pierglass_desktop.storage import search_pg

        return search_pg.create(connection)
    if not fts5_available(connection):
        return False
    connection.exec_driver_sql(
        f"CREATE TABLE {KEYS_TABLE} (rowid INTEGER PRIMARY KEY, record_id TEXT NOT NULL UNIQUE)"
    )
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
        "kind UNINDEXED, record_id UNINDEXED, label UNINDEXED, content, prefix='2 3 4')"
    )
    rebuild(connection)
    create_triggers(connection)
    return True


def drop_search_index(connection: Connection) -> None:
    if on_server(connection):
        from pierglass_desktop.storage import search_pg

        search_pg.drop(connection)
        return
    drop_triggers(connection)
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {KEYS_TABLE}")


def rebuild(connection: Connection) -> None:
    """Empty the index and fill it from the live records, one INSERT … SELECT per kind."""
    if on_server(connection):
        from pierglass_desktop.storage import search_pg

        search_pg.rebuild(connection)
        return
    connection.exec_driver_sql(f"DELETE FROM {FTS_TABLE}")
    connection.exec_driver_sql(f"DELETE FROM {KEYS_TABLE}")
    for source in SOURCES:
        connection.exec_driver_sql(
            f"INSERT INTO {KEYS_TABLE} (record_id) "
            f"SELECT id FROM {source.table} WHERE deleted_at IS NULL"
        )
        connection.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE} (rowid, kind, record_id, label, content) "
            f"SELECT k.rowid, '{source.kind}', t.id, {source.label.format(r='t')}, "
            f"{source.content.format(r='t')} FROM {source.table} t "
            f"JOIN {KEYS_TABLE} k ON k.record_id = t.id WHERE t.deleted_at IS NULL"
        )


def forget_erased(connection: Connection) -> None:
    """After a GDPR erasure: merge the index so no trace of deleted words stays in its pages.

    Deleting from FTS5 only records a deletion marker; "optimize" rewrites the index without
    the deleted entries (and secure_delete then clears the freed pages).
    """
    # PostgreSQL's index rows are deleted with the record (VACUUM reclaims them).
    if not on_server(connection) and index_exists(connection):
        connection.exec_driver_sql(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")


@contextmanager
def paused(connection: Connection) -> Iterator[None]:
    """For bulk loads: no per-row triggers inside, one rebuild after (same transaction)."""
    if not index_exists(connection):
        yield
        return
    drop_triggers(connection)
    yield
    rebuild(connection)
    create_triggers(connection)


def create_triggers(connection: Connection) -> None:
    if on_server(connection):
        from pierglass_desktop.storage import search_pg

        search_pg.resume(connection)
        return
    for source in SOURCES:
        for statement in _trigger_sql(source):
            connection.exec_driver_sql(statement)


def drop_triggers(connection: Connection) -> None:
    if on_server(connection):
        from pierglass_desktop.storage import search_pg

        search_pg.pause(connection)  # no DDL on a shared server: a setting the triggers obey
        return
    for source in SOURCES:
        for suffix in ("ai", "au", "ad"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS search_{source.table}_{suffix}")


def _trigger_sql(source: Source) -> list[str]:
    name = f"search_{source.table}"
    remove = (
        f"DELETE FROM {FTS_TABLE} WHERE rowid = "
        f"(SELECT rowid FROM {KEYS_TABLE} WHERE record_id = old.id); "
        f"DELETE FROM {KEYS_TABLE} WHERE record_id = old.id;"
    )
    add = (
        f"INSERT INTO {KEYS_TABLE} (record_id) SELECT new.id WHERE new.deleted_at IS NULL; "
        f"INSERT INTO {FTS_TABLE} (rowid, kind, record_id, label, content) "
        f"SELECT (SELECT rowid FROM {KEYS_TABLE} WHERE record_id = new.id), '{source.kind}', "
        f"new.id, {source.label.format(r='new')}, {source.content.format(r='new')} "
        f"WHERE new.deleted_at IS NULL;"
    )
    watched = ", ".join((*source.watched, "deleted_at"))
    return [
        f"CREATE TRIGGER {name}_ai AFTER INSERT ON {source.table} BEGIN {add} END",
        f"CREATE TRIGGER {name}_au AFTER UPDATE OF {watched} ON {source.table} "
        f"BEGIN {remove} {add} END",
        f"CREATE TRIGGER {name}_ad AFTER DELETE ON {source.table} BEGIN {remove} END",
    ]
