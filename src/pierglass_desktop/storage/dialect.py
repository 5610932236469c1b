"""The few statements that differ between SQLite and PostgreSQL, written once for both."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.sql.dml import Insert


def insert_rows(
    connection: Connection, table: str, names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Rows already in their stored form (each column's bind processor applied), in one go.

    SQLite: one ``executemany``. PostgreSQL: ``COPY … FROM STDIN`` on the same transaction;
    psycopg's executemany sends one INSERT per row, several times slower for an import.
    """
    with row_stream(connection, table, names) as write:
        write(rows)


@contextmanager
def row_stream(
    connection: Connection, table: str, names: Sequence[str]
) -> Iterator[Callable[[Sequence[Sequence[Any]]], None]]:
    """A writer of rows in their stored form into one table, batch after batch.

    On PostgreSQL one ``COPY`` stays open for every batch: a COPY per batch would make the
    program wait at each batch's end for the server to finish it, and the server wait for the
    next batch, instead of both working at once.
    """
    columns = ", ".join(f'"{name}"' for name in names)
    if connection.dialect.name == "postgresql":
        driver: Any = connection.connection.driver_connection
        with (
            driver.cursor() as cursor,
            cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy,
        ):

            def send(rows: Sequence[Sequence[Any]]) -> None:
                for row in rows:
                    copy.write_row(row)

            yield send
        return
    marks = ", ".join("?" for _name in names)
    statement = f'INSERT INTO "{table}" ({columns}) VALUES ({marks})'

    def insert(rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            connection.exec_driver_sql(statement, list(rows))

    yield insert


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
