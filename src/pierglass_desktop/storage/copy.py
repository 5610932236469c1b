"""Moving a project between a file and a server: every record, stamps and tombstones unchanged.

The destination must be new (a file that does not exist yet, or a server database without
tables). Everything is written in one transaction on the destination: the schema, every row of
every table, the search index. Before that transaction commits, each table's row count and a
digest of its rows are read back from the destination and compared with the source's; any
difference, or any failure, and nothing is left behind (a file's partial copy is removed, the
server's transaction rolled back, DDL included).

Rows go to PostgreSQL with ``COPY … FROM STDIN`` (the fastest way in), one per table, to SQLite
with one ``executemany`` per batch. The check's digests are computed from a text rendered per
row, in the form SQLite stores the values. The destination renders and hashes its own rows
(on PostgreSQL one query for every table). A file copied to a server is digested from the
rows as they are read to be sent, so it is read once; any other source renders its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    Table,
    Text,
    Time,
    TypeDecorator,
    cast,
    select,
    text,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.schema import CreateIndex, CreateTable

from pierglass_desktop.domain.errors import StorageError
from pierglass_desktop.i18n import _
from pierglass_desktop.storage.location import Location, ServerDatabase

BATCH = 5000


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int
    digest: str


@dataclass(frozen=True)
class CopyResult:
    source: Location
    destination: Location
    tables: tuple[TableCopy, ...]
    protected: bool = False  # a new file keyed as its protected original was

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def copy_database(source: Location, destination: Location) -> CopyResult:
    """Copy the project at ``source`` into the new database ``destination``, verified."""
    from sqlalchemy.exc import IntegrityError

    from pierglass_desktop.storage.database import reading

    if _same(source, destination):
        raise StorageError(_("The source and the destination are the same database."))
    key = None
    try:
        with reading(source) as sessions:
            if isinstance(destination, ServerDatabase):
                tables = _into_server(sessions, destination)
            else:
                key = _key_of(source)
                tables = _into_file(sessions, Path(destination).expanduser().resolve(), key)
    except IntegrityError:  # a damaged file: SQLite let in what the new database refuses
        raise StorageError(
            _(
                "The database being copied holds records that break its own rules (one points "
                "at a record that is not there, or one is there twice), so nothing was copied. "
                "Check it with 'pierglass check'; a backup from before the damage copies whole."
            )
        ) from None
    return CopyResult(source, destination, tables, protected=key is not None)


def _key_of(source: Location) -> str | None:
    """A protected file's key with its salt: its copy in a file is protected as it is, and the
    same passphrase opens it. (A server's data at rest is the server's to protect.)"""
    from pierglass_desktop.storage.cipher import key_with_salt

    if isinstance(source, ServerDatabase):
        return None
    return key_with_salt(Path(source).expanduser().resolve())


def _same(source: Location, destination: Location) -> bool:
    if isinstance(source, Path) and isinstance(destination, Path):
        return source.expanduser().resolve() == destination.expanduser().resolve()
    return str(source) == str(destination)


def _tables() -> list[Table]:
    from pierglass_desktop.domain.models import Base

    return list(Base.metadata.sorted_tables)


# --- destinations ----------------------------------------------------------------------------


def _into_server(
    sessions: sessionmaker[Session], destination: ServerDatabase
) -> tuple[TableCopy, ...]:
    from pierglass_desktop.storage.server import server_engine, server_faults, under_opening_lock

    engine = server_engine(destination)
    try:
        with server_faults(destination):
            return under_opening_lock(engine, lambda c: _fill(sessions, c, destination))
    finally:
        engine.dispose()


def _into_file(
    sessions: sessionmaker[Session], path: Path, key: str | None
) -> tuple[TableCopy, ...]:
    from pierglass_desktop.storage import cipher
    from pierglass_desktop.storage.engine import sqlite_engine
    from pierglass_desktop.storage.faults import storage_faults
    from pierglass_desktop.storage.lock import DatabaseLock

    if path.exists():
        raise StorageError(_("{path} already exists; choose a new file name.").format(path=path))
    if not path.parent.is_dir():
        raise StorageError(_("The folder {folder} does not exist.").format(folder=path.parent))
    partial = path.with_name(path.name + ".partial")
    with storage_faults(path):
        lock = DatabaseLock(path)
        lock.acquire()
        try:
            with _removed_on_failure(partial, lock.path):
                if key is not None:
                    cipher.remember_key(partial, key)  # the new file is made with it
                engine = sqlite_engine(partial)
                try:
                    with engine.connect() as connection:
                        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
                        tables = _fill(sessions, connection, path)
                        connection.commit()
                        _into_the_file_itself(connection)
                finally:
                    engine.dispose()
                _remove_side_files(partial)
                partial.replace(path)
            return tables
        finally:
            cipher.forget_key(partial)
            lock.release()


def _into_the_file_itself(connection: Connection) -> None:
    """Write the committed WAL into the file before it is renamed: the WAL keeps the partial's
    name, so what stayed in it would be lost to the copy. A full disk fails here, loudly (the
    checkpoint SQLite tries when the last connection closes would fail silently)."""
    busy, _log, _moved = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    if busy:
        raise StorageError(
            _("The new file could not be finished because it is in use. Nothing was written.")
        )


def _remove_side_files(partial: Path) -> None:
    """The emptied WAL and shared-memory files, which would not follow the rename."""
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)


@contextmanager
def _removed_on_failure(partial: Path, lock_file: Path) -> Iterator[None]:
    """A failed copy leaves no file behind, not even the lock file of a database never made."""
    try:
        yield
    except BaseException:
        Path(f"{partial}-journal").unlink(missing_ok=True)
        _remove_side_files(partial)
        partial.unlink(missing_ok=True)
        lock_file.unlink(missing_ok=True)
        raise


# --- the one transaction ---------------------------------------------------------------------


def _fill(
    sessions: sessionmaker[Session], target: Connection, destination: Location
) -> tuple[TableCopy, ...]:
    """Schema, rows, index and checks on ``target``, inside its open transaction."""
    from pierglass_desktop.domain.models import Base
    from pierglass_desktop.storage.schema import HEAD_REVISION
    from pierglass_desktop.storage.search_index import create_search_index

    _refuse_unless_empty(target, destination)
    server = target.dialect.name == "postgresql"
    tables = _tables()
    if server:  # tables bare; keys and indexes after the rows, as pg_restore does (one trip)
        bare = [CreateTable(t, include_foreign_key_constraints=[]) for t in tables]
        target.exec_driver_sql(";\n".join(str(b.compile(dialect=target.dialect)) for b in bare))
    else:
        Base.metadata.create_all(target)
    target.exec_driver_sql(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
        "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
    )
    target.execute(
        text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": HEAD_REVISION}
    )
    with sessions() as s:
        source = s.connection()
        _one_moment(source)
        copied = [_copy_table(source, target, table) for table in tables]
    if server:
        _add_indexes_and_references(target, tables)
    create_search_index(target)
    found_all = _summaries(target, tables)
    for expected in copied:
        found = found_all[expected.table]
        if found != expected:
            raise StorageError(
                _(
                    "The copy of {table} does not match the original ({found} rows of "
                    "{expected}), so nothing was written. Try again; if it repeats, ask for help."
                ).format(table=expected.table, found=found.rows, expected=expected.rows)
            )
    return tuple(copied)


def _one_moment(source: Connection) -> None:
    """Every table of a file read as it was at one moment: SQLite reads each SELECT as of its
    own start otherwise, so a window writing the file meanwhile would mix an earlier table with
    a later one. (A server's reading session is one transaction already.)"""
    if source.dialect.name == "sqlite":
        driver: Any = source.connection.driver_connection
        if not driver.in_transaction:
            driver.execute("BEGIN")  # ended with the session


def _add_indexes_and_references(target: Connection, tables: list[Table]) -> None:
    """What create_all would have made before the rows: built once over them, checked once.

    The keys' statements are written here as AddConstraint writes them: AddConstraint itself
    marks the models' constraint as made, and every later create_all in the process (a new
    SQLite file) would leave that foreign key out; a private copy of the models' tables to
    avoid that took 0.06 s a copy.
    """
    dialect = target.dialect
    compiler = dialect.ddl_compiler(dialect, None)  # type: ignore[arg-type]  # of no statement
    statements = [str(CreateIndex(i).compile(dialect=dialect)) for t in tables for i in t.indexes]
    statements += [
        f"ALTER TABLE {compiler.preparer.format_table(t)} ADD {compiler.process(key)}"
        for t in tables
        for key in t.foreign_key_constraints
    ]
    target.exec_driver_sql(";\n".join(statements))  # one round trip


def _refuse_unless_empty(target: Connection, destination: Location) -> None:
    if target.dialect.name == "postgresql":
        found = target.execute(
            text("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")
        ).scalar()
    else:
        found = target.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        ).scalar()
    if found:
        raise StorageError(
            _(
                "{database} already holds tables. Copy into a new, empty database so nothing "
                "there is overwritten."
            ).format(database=destination)
        )


def _copy_table(source: Connection, target: Connection, table: Table) -> TableCopy:
    """Stream the table's rows across, in batches, and return the source's count and digest.

    From a file into a server the stored values go as they are: SQLite keeps each as the text
    PostgreSQL reads (stamps, dates, JSON, 0/1 for booleans), so nothing is converted, as in a
    plain COPY, and the file's digest is taken from the very rows sent, in the same pass (a
    second read of the file was a sixth of the copy's time). Otherwise SQLAlchemy reads the
    values (JSON as its stored text), each column type writes them, and the source renders its
    own digest after.
    """
    from pierglass_desktop.storage.dialect import row_stream

    names = [c.name for c in table.columns]
    raw = source.dialect.name == "sqlite" and target.dialect.name == "postgresql"
    with row_stream(target, table.name, names) as send:
        write = _writer(target, send, table, names, convert=not raw)
        if raw:
            return _copy_stored(source, table, names, write)
        columns = [cast(c, Text) if _is_json(c) else c for c in table.columns]
        rows = source.execute(select(*columns).order_by(text(_key_order(source, table))))
        _write_all(table, names, write, rows.partitions(BATCH))  # fetchmany: no per-row fetch
    return _summary(source, table)


def _copy_stored(
    source: Connection,
    table: Table,
    names: list[str],
    write: Callable[[list[Sequence[Any]]], None],
) -> TableCopy:
    """A file's rows as stored, through plain tuples (no Row per row), digested on the way."""
    columns = ", ".join(f'"{n}"' for n in names)
    driver: Any = source.connection.driver_connection
    cursor = driver.cursor()
    try:
        cursor.execute(f'SELECT {columns} FROM "{table.name}" ORDER BY {_key_order(source, table)}')
        digest = _FileDigest(table)
        _write_all(table, names, write, digest.passing(cursor))
    finally:
        cursor.close()
    return digest.result()


def _write_all(
    table: Table,
    names: list[str],
    write: Callable[[list[Sequence[Any]]], None],
    parts: Iterable[Sequence[Sequence[Any]]],
) -> None:
    own = [names.index(fk.parent.name) for fk in table.foreign_keys if fk.column.table is table]
    if own:  # a table that points at itself (methods copied from): parents go in first
        key = names.index(table.primary_key.columns.keys()[0])
        every = [row for part in parts for row in part]
        for batch in _batches(_parents_first(every, key, own)):
            write(batch)
        return
    for part in parts:
        write(list(part))


def _key_order(connection: Connection, table: Table) -> str:
    """By primary key, in byte order on both engines (a server's collation may differ)."""
    collate = ' COLLATE "C"' if connection.dialect.name == "postgresql" else ""
    return ", ".join(f'"{k.name}"{collate}' for k in table.primary_key.columns)


def _parents_first(rows: list[Any], key: int, own: list[int]) -> list[Any]:
    """The rows, each after the rows it points at (``own``: the positions of the references)."""
    placed: set[Any] = set()
    ordered: list[Any] = []
    waiting = rows
    while waiting:
        ready = [r for r in waiting if all(r[c] is None or r[c] in placed for c in own)]
        if not ready:  # a reference to a missing row or a cycle: the database keeps the order
            ready = waiting
        placed.update(r[key] for r in ready)
        ordered += ready
        taken = {id(r) for r in ready}
        waiting = [r for r in waiting if id(r) not in taken]
    return ordered


def _batches(rows: Iterable[Sequence[Any]]) -> Iterator[list[Sequence[Any]]]:
    batch: list[Sequence[Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _writer(
    target: Connection,
    send: Callable[[Sequence[Sequence[Any]]], None],
    table: Table,
    names: list[str],
    *,
    convert: bool,
) -> Callable[[list[Sequence[Any]]], None]:
    """``send`` of each batch, its values first put in their stored form when ``convert``."""
    if not convert:
        return send
    dialect = target.dialect
    processors = [
        None
        if _is_json(table.c[n])
        else table.c[n].type.dialect_impl(dialect).bind_processor(dialect)
        for n in names
    ]

    def values(row: Sequence[Any]) -> Sequence[Any]:
        return tuple(
            process(value) if process is not None else value
            for value, process in zip(row, processors, strict=True)
        )

    def write(batch: list[Sequence[Any]]) -> None:
        send([values(row) for row in batch])

    return write


# --- the checks ------------------------------------------------------------------------------


def _summary(connection: Connection, table: Table) -> TableCopy:
    """Rows, and a digest of them in key order: the SHA-256 of each row as stored text (see
    ``_stored_text``), every row followed by the record separator (30).

    The database renders each row itself; PostgreSQL also hashes them, so a check of every
    value costs one query and sends back one line. Here each row feeds one running hash,
    not a hash of its own: the file's side was most of the check's time.
    """
    if connection.dialect.name == "postgresql":
        return _summaries(connection, [table])[table.name]
    rendered = _stored_text(connection.dialect.name, table)
    order = _key_order(connection, table)
    total = hashlib.sha256()
    count = 0
    query = f'SELECT {rendered} || char(30) FROM "{table.name}" ORDER BY {order}'
    for part in connection.exec_driver_sql(query).partitions(BATCH):
        total.update("".join(line for (line,) in part).encode())
        count += len(part)
    return TableCopy(table.name, count, total.hexdigest())


def _summaries(connection: Connection, tables: list[Table]) -> dict[str, TableCopy]:
    """``_summary`` of each table, on PostgreSQL in one query: one row a table."""
    if connection.dialect.name != "postgresql":
        return {table.name: _summary(connection, table) for table in tables}
    query = " UNION ALL ".join(
        f"(SELECT '{table.name}', count(*), encode(sha256(convert_to(coalesce(string_agg("
        f"{_stored_text('postgresql', table)} || chr(30), '' "
        f"ORDER BY {_key_order(connection, table)}), ''), 'UTF8')), 'hex') "
        f'FROM "{table.name}")'
        for table in tables
    )
    return {
        name: TableCopy(name, int(count), str(digest))
        for name, count, digest in connection.exec_driver_sql(query)
    }


class _FileDigest:
    """The file's side of the check, taken from the rows as they are read for the copy: each
    row rendered as ``_stored_text`` renders it in SQLite (the same text, the same hash)."""

    def __init__(self, table: Table) -> None:
        self.table = table.name
        self.rows = 0
        self.hash = hashlib.sha256()
        self.binary = [i for i, c in enumerate(table.columns) if _is_binary(c)]

    def passing(self, cursor: Any) -> Iterator[list[tuple[Any, ...]]]:
        """The cursor's rows in parts, each part added to the digest on its way through."""
        while part := cursor.fetchmany(BATCH):
            self.rows += len(part)
            shown = [self._hexed(row) for row in part] if self.binary else part
            self.hash.update("".join([_row_text(row) for row in shown]).encode())
            yield part

    def _hexed(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        """Bytes columns as SQLite's hex() shows them: upper-case hex of the value's bytes."""
        values = list(row)
        for i in self.binary:
            value = values[i]
            if value is not None:
                data = value if isinstance(value, bytes) else str(value).encode()
                values[i] = data.hex().upper()
        return tuple(values)

    def result(self) -> TableCopy:
        return TableCopy(self.table, self.rows, self.hash.hexdigest())


def _row_text(row: tuple[Any, ...]) -> str:
    """One row as SQLite's ``_stored_text`` renders it: text as stored, integers in decimal,
    ``v`` before a value, ``n`` for NULL. A value of a kind its column cannot hold on the
    server (bytes in a text column) renders differently, and the check refuses the copy."""
    return (
        "\x1f".join(
            [
                "n"
                if value is None
                else "v" + value
                if value.__class__ is str
                else "v" + _real_text(value)
                if value.__class__ is float
                else "v" + str(value)
                for value in row
            ]
        )
        + "\x1e"
    )


def _real_text(value: float) -> str:
    """A floating-point value as SQLite's ``CAST(x AS TEXT)`` shows it: 15 significant
    digits, a mantissa always with its point. No column here holds one, but SQLite's numeric
    affinity turns text such as ``1e999`` or a 20-digit number into one in a hand-made file.
    SQLite rounds a few values near the ends of the range otherwise (its own decimal
    conversion); the check then refuses their copy, as it does any value no column holds."""
    if value != value:  # NaN: SQLite stores NULL, never this
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Inf" if value > 0 else "-Inf"
    if value == 0:
        return "0.0"
    mantissa, e, exponent = f"{value:.15g}".partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    return mantissa + e + exponent


def _is_json(column: Any) -> bool:
    """JSON travels as the text the source stores: read as a value, SQL NULL and the JSON
    ``null`` both become None, and written back both would become the text ``null``."""
    return isinstance(column.type, JSON)


def _is_binary(column: Any) -> bool:
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    return isinstance(kind, LargeBinary)


def _stored_text(dialect: str, table: Table) -> str:
    """SQL for one text per row, the same on both engines: each value as SQLite stores it
    through SQLAlchemy (``YYYY-MM-DD HH:MM:SS.ffffff`` stamps, JSON text, 0/1, hex bytes),
    ``v`` before a value and ``n`` for NULL, values separated by the unit separator."""
    separator = " || chr(31) || " if dialect == "postgresql" else " || char(31) || "
    parts = (f"coalesce('v' || {_value_text(dialect, column)}, 'n')" for column in table.columns)
    return separator.join(parts)


def _value_text(dialect: str, column: Any) -> str:
    name = f'"{column.name}"'
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    if dialect != "postgresql":
        if isinstance(kind, Boolean | Integer):
            return f"CAST({name} AS TEXT)"
        if isinstance(kind, LargeBinary):  # hex(NULL) is '', which would pass for no bytes
            return f"CASE WHEN {name} IS NOT NULL THEN hex({name}) END"
        return name
    if isinstance(kind, DateTime):
        return f"to_char({name}, 'YYYY-MM-DD HH24:MI:SS.US')"
    if isinstance(kind, Date):
        return f"to_char({name}, 'YYYY-MM-DD')"
    if isinstance(kind, Time):
        return f"to_char(TIMESTAMP '2000-01-01' + {name}, 'HH24:MI:SS.US')"
    if isinstance(kind, Boolean):
        return f"({name}::int)::text"
    if isinstance(kind, LargeBinary):
        return f"upper(encode({name}, 'hex'))"
    return f"{name}::text"
