"""`pierglass check`: integrity and schema revision, read-only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from pierglass_desktop.domain.errors import StorageError
from pierglass_desktop.i18n import _
from pierglass_desktop.storage.cipher import database_errors
from pierglass_desktop.storage.faults import (
    DiskFull,
    disk_full_message,
    disk_is_full,
    storage_error,
    storage_faults,
)
from pierglass_desktop.storage.location import Location, ServerDatabase
from pierglass_desktop.storage.probe import probe, read_only_connection
from pierglass_desktop.storage.schema import HEAD_REVISION
from pierglass_desktop.storage.sqlite_header import is_encrypted


@dataclass(frozen=True)
class CheckReport:
    path: Location
    revision: str | None
    head_revision: str
    problems: tuple[str, ...]
    encrypted: bool = False  # protected with a passphrase (SQLCipher)
    server_version: str | None = None  # a server database only
    row_counts: tuple[tuple[str, int], ...] = ()  # a server database only: (table, rows)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(location: Location, *, quick: bool = False) -> CheckReport:
    if isinstance(location, ServerDatabase):
        return _check_server(location)
    path = Path(location).expanduser().resolve()
    if not path.exists():
        raise StorageError(_("There is no database at {path}.").format(path=path))
    if path.is_file() and path.stat().st_size == 0:
        raise StorageError(
            _("{path} is empty: it is not a Pier-glass database (yet).").format(path=path)
        )
    with storage_faults(path):
        return _check(path, quick)


def _check(path: Path, quick: bool) -> CheckReport:
    state = probe(path)
    pragma = "PRAGMA quick_check" if quick else "PRAGMA integrity_check"
    try:
        connection = read_only_connection(path)
        try:
            rows = [row[0] for row in connection.execute(pragma)]
            rows += [
                _("Broken reference in {table}, row {row}").format(table=r[0], row=r[1])
                for r in connection.execute("PRAGMA foreign_key_check")
            ]
        finally:
            connection.close()
    except database_errors() as error:
        if disk_is_full(path):
            raise DiskFull(disk_full_message()) from error  # not damage: no room for SQLite
        refusal = storage_error(error, path)  # the disk said no: that is no damage either
        if refusal is not None:
            raise refusal from error
        return CheckReport(path, state.revision, HEAD_REVISION, (str(error),), is_encrypted(path))
    problems = tuple(row for row in rows if row != "ok")
    return CheckReport(path, state.revision, HEAD_REVISION, problems, is_encrypted(path))


def _check_server(location: ServerDatabase) -> CheckReport:
    """The server keeps its own pages whole and its references checked; we report what is there."""
    from pierglass_desktop.storage.server import (
        revision_of,
        server_engine,
        server_faults,
        server_version,
    )

    engine = server_engine(location)
    try:
        with server_faults(location), engine.connect() as connection:
            revision = revision_of(connection, location)
            if revision is None:
                raise StorageError(_("There is no database at {path}.").format(path=location))
            version = server_version(connection)
            counts = _row_counts(connection)
    finally:
        engine.dispose()
    return CheckReport(
        location, revision, HEAD_REVISION, (), server_version=version, row_counts=counts
    )


def _row_counts(connection: Connection) -> tuple[tuple[str, int], ...]:
    from sqlalchemy import func, select

    from pierglass_desktop.domain.models import Base

    return tuple(
        (table.name, int(connection.execute(select(func.count()).select_from(table)).scalar_one()))
        for table in Base.metadata.sorted_tables
    )
