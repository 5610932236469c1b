"""Look at a database file without changing a byte of it."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from pierglass_desktop.domain.errors import StorageError
from pierglass_desktop.i18n import _
from pierglass_desktop.storage.cipher import database_errors
from pierglass_desktop.storage.faults import (
    DiskFull,
    disk_full_message,
    disk_is_full,
    storage_error,
)


@dataclass(frozen=True)
class FileState:
    exists: bool
    revision: str | None  # None: no Pier-glass schema yet (new or empty file)


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot write, and leaves no -wal or -shm file behind.

    Without a -wal file the database is consistent on its own, and ``immutable`` keeps SQLite from
    creating WAL side files next to it; with one, it must be read through the WAL.
    """
    from pierglass_desktop.storage.cipher import sqlite_connect

    return sqlite_connect(read_only_uri(path), path, uri=True)  # plain, or with its key


def read_only_uri(path: Path) -> str:
    flags = "?mode=ro" if Path(f"{path}-wal").exists() else "?mode=ro&immutable=1"
    return path.resolve().as_uri() + flags


def probe(path: Path) -> FileState:
    """What the file holds: nothing yet, or a Pier-glass schema at some revision.

    Raises StorageError for a file that is not a database, or a database that is not ours.
    """
    if not path.exists() or path.stat().st_size == 0:
        return FileState(exists=path.exists(), revision=None)
    if path.is_dir():
        raise StorageError(_("{path} is a folder, not a database file.").format(path=path))
    try:
        connection = read_only_connection(path)
        try:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            connection.close()
    except database_errors() as error:
        if disk_is_full(path):  # SQLite had no room for its side files: that is no damage
            raise DiskFull(disk_full_message()) from error
        refusal = storage_error(error, path)  # the disk said no: that is no damage either
        if refusal is not None:
            raise refusal from error
        raise StorageError(
            _("{path} is not a Pier-glass database, or it is damaged: {reason}.").format(
                path=path, reason=error
            )
        ) from error
    if revision is None and tables:
        raise StorageError(
            _(
                "{path} is a database of some other program. Pier-glass leaves it untouched; "
                "choose another file."
            ).format(path=path)
        )
    return FileState(exists=True, revision=revision)
