"""The full-text search index: an FTS5 table kept in step with notes, commitments, meetings and
participants by triggers, created both by migration 0002 and for brand-new databases.

Layout: ``search_keys`` gives every indexed record a stable integer rowid (records have text ids),
and ``search_fts`` holds, under that rowid, the record's kind, id, a display label and the text
that is searched. Triggers keep single-row edits in step; bulk loaders (imports, demo data) should
run inside ``paused(connection)``: the records they insert are indexed once at the end, because
an insert trigger per row makes a bulk insert many times slower.

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
    _index_keys_after(connection, 0)


def _index_keys_after(connection: Connection, last_key: int) -> None:
    """Index the records of the keys numbered above ``last_key`` that have no entry yet."""
    for source in SOURCES:
        connection.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE} (rowid, kind, record_id, label, content) "
            f"SELECT k.rowid, '{source.kind}', t.id, {source.label.format(r='t')}, "
            f"{source.content.format(r='t')} FROM {KEYS_TABLE} k "
            f"JOIN {source.table} t ON t.id = k.record_id WHERE k.rowid > ? "
            f"AND NOT EXISTS (SELECT 1 FROM {FTS_TABLE} f WHERE f.rowid = k.rowid)",
            (last_key,),
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
    """For bulk loads, in one transaction: a record inserted inside only gets its key, and its
    words are indexed at the end, in one statement per kind (a trigger indexing each row made a
    bulk insert many times slower). Changes and deletions keep their triggers, so a record
    changed or tombstoned inside, or a person erased, leaves the index as it happens. The
    work at the end is the records added, however large the database: rebuilding the whole
    index instead took 4.6 s of a 13 s import into a coordinator's ten years."""
    if not index_exists(connection):
        yield
        return
    if on_server(connection):
        from pierglass_desktop.storage import search_pg

        search_pg.pause(connection, inserts_only=True)
        yield
        search_pg.index_missing(connection)
        search_pg.resume(connection)
        return
    last_key = connection.exec_driver_sql(f"SELECT coalesce(max(rowid), 0) FROM {KEYS_TABLE}")
    before = last_key.scalar() or 0
    _replace_insert_triggers(connection, keys_only=True)
    yield
    # Keys are INTEGER PRIMARY KEYs: those added inside are numbered above ``before``.
    _index_keys_after(connection, before)
    _replace_insert_triggers(connection, keys_only=False)


def _replace_insert_triggers(connection: Connection, *, keys_only: bool) -> None:
    for source in SOURCES:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS search_{source.table}_ai")
        connection.exec_driver_sql(_trigger_sql(source, keys_only=keys_only)["ai"])


def create_triggers(connection: Connection) -> None:
    if on_server(connection):
        from pierglass_desktop.storage import search_pg

        search_pg.resume(connection)
        return
    for source in SOURCES:
        for statement in _trigger_sql(source).values():
            connection.exec_driver_sql(statement)


def drop_triggers(connection: Connection) -> None:
    if on_server(connection):
        from pierglass_desktop.storage import search_pg

        search_pg.pause(connection)  # no DDL on a shared server: a setting the triggers obey
        return
    for source in SOURCES:
        for suffix in ("ai", "au", "ad"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS search_{source.table}_{suffix}")


def _trigger_sql(source: Source, *, keys_only: bool = False) -> dict[str, str]:
    """After insert (ai), update (au) and delete (ad). ``keys_only``: an insert only numbers
    the record, for ``paused``."""
    name = f"search_{source.table}"
    remove = (
        f"DELETE FROM {FTS_TABLE} WHERE rowid = "
        f"(SELECT rowid FROM {KEYS_TABLE} WHERE record_id = old.id); "
        f"DELETE FROM {KEYS_TABLE} WHERE record_id = old.id;"
    )
    number = f"INSERT INTO {KEYS_TABLE} (record_id) SELECT new.id WHERE new.deleted_at IS NULL;"
    add = (
        f"{number} "
        f"INSERT INTO {FTS_TABLE} (rowid, kind, record_id, label, content) "
        f"SELECT (SELECT rowid FROM {KEYS_TABLE} WHERE record_id = new.id), '{source.kind}', "
        f"new.id, {source.label.format(r='new')}, {source.content.format(r='new')} "
        f"WHERE new.deleted_at IS NULL;"
    )
    watched = ", ".join((*source.watched, "deleted_at"))
    return {
        "ai": f"CREATE TRIGGER {name}_ai AFTER INSERT ON {source.table} "
        f"BEGIN {number if keys_only else add} END",
        "au": f"CREATE TRIGGER {name}_au AFTER UPDATE OF {watched} ON {source.table} "
        f"BEGIN {remove} {add} END",
        "ad": f"CREATE TRIGGER {name}_ad AFTER DELETE ON {source.table} BEGIN {remove} END",
    }
