"""The one place that turns the disk's and SQLite's refusals into sentences a tutor understands.

A full disk, a read-only USB stick or a file Pier-glass may not write reach the program as an
``OSError`` with an errno, or as SQLite's own words inside an SQLAlchemy error. Both become a
typed ``StorageError`` here, used by every command and by the window's open path, so a full
disk is never mistaken for a damaged database.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pierglass_desktop.domain.errors import StorageError
from pierglass_desktop.i18n import _

NEARLY_FULL_BYTES = 256 * 1024


class DiskFull(StorageError):
    """The disk (or the user's quota) has no room left."""


class ReadOnlyStorage(StorageError):
    """The folder or file cannot be written: a read-only medium or no permission."""


def disk_full_message() -> str:
    return _("The disk is full: free some space; nothing was lost.")


def disk_is_full(path: Path) -> bool:
    """Whether the disk holding ``path`` has (almost) no room left for SQLite's side files."""
    import shutil

    folder = path if path.is_dir() else path.parent
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def storage_error(error: BaseException, path: Path | None = None) -> StorageError | None:
    """The sentence for a refusal by the disk, or None when ``error`` is no such refusal."""
    for cause in _causes(error):
        typed = _classify(cause, path)
        if typed is not None:
            return typed
    return None


@contextmanager
def storage_faults(path: Path | None = None) -> Iterator[None]:
    """Re-raise the disk's refusals inside the block as typed errors; anything else unchanged."""
    try:
        yield
    except StorageError:
        raise
    except Exception as error:
        typed = storage_error(error, path)
        if typed is None:
            raise
        raise typed from error


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error, what SQLAlchemy wrapped (``orig``) and what it was raised from, once each."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending += [getattr(current, "orig", None), current.__cause__, current.__context__]


def _classify(error: BaseException, path: Path | None) -> StorageError | None:
    if isinstance(error, OSError):
        return _from_errno(error.errno, Path(error.filename) if error.filename else path)
    if isinstance(error, sqlite3.Error) or _is_sqlcipher_error(error):
        if path is not None and "disk i/o error" in str(error).lower() and disk_is_full(path):
            return DiskFull(disk_full_message())
        return _from_sqlite(str(error).lower(), path)
    return None


def _is_sqlcipher_error(error: BaseException) -> bool:
    """SQLCipher's driver raises its own classes, with SQLite's messages (storage/cipher.py)."""
    import sys

    driver = sys.modules.get("sqlcipher3.dbapi2")
    return driver is not None and isinstance(error, driver.Error)


def _from_errno(number: int | None, path: Path | None) -> StorageError | None:
    if number in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFull(disk_full_message())
    if number == errno.EROFS:
        return ReadOnlyStorage(read_only_folder_message(path))
    if number in (errno.EACCES, errno.EPERM):
        return ReadOnlyStorage(
            _(
                "Pier-glass is not allowed to write to {path}; nothing was changed. "
                "Choose a folder of your own, or ask for write permission."
            ).format(path=path)
            if path
            else _(
                "Pier-glass is not allowed to write here; nothing was changed. "
                "Choose a folder of your own, or ask for write permission."
            )
        )
    return None


def _from_sqlite(message: str, path: Path | None) -> StorageError | None:
    if "database or disk is full" in message:
        return DiskFull(disk_full_message())
    if "readonly database" in message:
        return ReadOnlyStorage(
            _(
                "{path} is read-only, so Pier-glass cannot save to it; nothing was changed. "
                "Copy it to a folder you can write to, or make the file writable."
            ).format(path=path)
            if path
            else _(
                "The database is read-only, so Pier-glass cannot save to it; nothing was "
                "changed. Copy it to a folder you can write to, or make the file writable."
            )
        )
    if "unable to open database file" in message and path and _unfinished_on_read_only(path):
        return ReadOnlyStorage(
            _(
                "{path} was not closed properly and its folder is read-only, so Pier-glass "
                "cannot read its last changes there. Copy the whole folder to your computer and "
                "open the file there."
            ).format(path=path)
        )
    if "unable to open database file" in message:
        return StorageError(
            _(
                "Pier-glass cannot open {path}: check that the folder exists and that you may "
                "write to it."
            ).format(path=path)
            if path
            else _(
                "Pier-glass cannot open the database: check that the folder exists and that "
                "you may write to it."
            )
        )
    return None


def _unfinished_on_read_only(path: Path) -> bool:
    """A WAL file left by a program that stopped, in a folder SQLite cannot write its index to."""
    import os

    return Path(f"{path}-wal").exists() and not os.access(path.parent, os.W_OK)


def read_only_folder_message(path: Path | None) -> str:
    if path is None:
        return _(
            "The folder is read-only (a locked USB stick or a shared folder?), so Pier-glass "
            "cannot save there; nothing was changed. Copy the file to a folder you can write to."
        )
    folder = path if path.is_dir() else path.parent
    return _(
        "The folder {folder} is read-only (a locked USB stick or a shared folder?), so "
        "Pier-glass cannot save there; nothing was changed. Copy the file to a folder you "
        "can write to."
    ).format(folder=folder)
