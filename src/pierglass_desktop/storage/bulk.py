"""One connection made ready for a bulk load (an import of many files) and set back after.

Both are SQLite's: a server keeps its own cache, and dropping an index there would lock its
table against every other coordinator for the import's length.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

SMALLEST_PAGE_CACHE_KIB = 32 * 1024
LARGEST_PAGE_CACHE_KIB = 128 * 1024


@contextmanager
def bulk_page_cache(connection: Connection) -> Iterator[None]:
    """A larger page cache on this connection for one bulk step, then the usual again.

    SQLite keeps 2 MB of pages by default. An import writing 100,000 rows into tables with
    their indexes then evicts index pages it needs again a moment later; with 32 MB its merge
    into a new database took a tenth less time (64 MB gained no more). Into a coordinator's
    ten years (a 560 MB file) the rows land all over far larger indexes: half the file's size,
    up to 128 MB, took its inserts from 4.2-4.7 s to 2.7-3.6 s (256 MB gained little more).
    The cache grows only as pages are used, so a small file never fills it."""
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{bulk_cache_kib(connection)}")
    try:
        yield
    finally:
        with suppress(DBAPIError):  # a connection that broke is thrown away anyway
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(before or 0)}")


def bulk_cache_kib(connection: Connection) -> int:
    """The cache for a bulk step on this database (``cache_kib_for`` its size)."""
    pages = connection.exec_driver_sql("PRAGMA page_count").scalar() or 0
    size = connection.exec_driver_sql("PRAGMA page_size").scalar() or 4096
    return cache_kib_for(int(pages) * int(size))


def cache_kib_for(file_bytes: int) -> int:
    """Half the database's size, within 32 MB and 128 MB."""
    return min(LARGEST_PAGE_CACHE_KIB, max(SMALLEST_PAGE_CACHE_KIB, file_bytes // 2048))


@contextmanager
def plain_indexes_built_after(connection: Connection, tables: Iterable[str]) -> Iterator[None]:
    """Rows loaded into ``tables``, which were empty: their plain (not unique) indexes are
    dropped, and built once from the rows when the block ends, in the same transaction.

    Kept up row by row, the 59 indexes of the tables a coordinator's first import fills took
    a quarter of its merge; built after, a tenth of that. Unique indexes stay, so every rule
    they keep is checked as the rows arrive, and so does every primary key the merge looks
    records up by. When the block fails, nothing is built again: the transaction's rollback
    brings the indexes back with everything else."""
    names = sorted(set(tables))
    if connection.dialect.name != "sqlite" or not names:
        yield
        return
    marks = ", ".join("?" * len(names))
    found = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({marks}) ORDER BY name",
        tuple(names),
    ).all()
    plain = [(name, sql) for name, sql in found if not _unique(sql)]
    for name, _sql in plain:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in plain:
        connection.exec_driver_sql(sql)


def _unique(sql: str) -> bool:
    return sql.split(None, 2)[1].upper() == "UNIQUE"  # CREATE UNIQUE INDEX …
