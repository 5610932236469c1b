"""Backups through SQLite's backup API (never a copy of the live file), rotated per reason."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime
from pathlib import Path

from pierglass_desktop.paths import backups_dir_for
from pierglass_desktop.private_files import create_private_file, private_folder
from pierglass_desktop.storage.cipher import connect as cipher_connect
from pierglass_desktop.storage.faults import storage_faults
from pierglass_desktop.storage.probe import read_only_connection

AUTO_KEEP = 10  # automatic daily backups kept
STEP_KEEP = 20  # backups before migrations and imports kept
AUTO_INTERVAL_HOURS = 24
# A backup being written touches its .partial file all the time; one untouched this long was
# left by a program that was killed.
STALE_PARTIAL_SECONDS = 15 * 60
PARTIAL = ".partial"
RESTORING = ".restoring"


def backup_to(database: Path, destination: Path) -> Path:
    """A consistent copy of ``database`` at ``destination``, written whole or not at all."""
    partial = destination.with_name(destination.name + PARTIAL)
    with storage_faults(destination):
        private_folder(destination.parent, tighten_existing=False)
        partial.unlink(missing_ok=True)
        try:
            _copy(database, partial)
            partial.replace(destination)
        except BaseException:
            partial.unlink(missing_ok=True)  # a half-written copy is no backup
            raise
    return destination


def _copy(database: Path, target_path: Path) -> None:
    from pierglass_desktop.storage.cipher import key_with_salt

    source = read_only_connection(database)
    try:
        create_private_file(target_path)  # the backup holds what the database holds
        key = key_with_salt(database)  # an encrypted database has encrypted backups, same key
        target = cipher_connect(target_path, key) if key else sqlite3.connect(target_path)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def backup_before(database: Path | None, reason: str) -> Path | None:
    """The backup before a bulk change of a file; None on a server (its own backups serve)."""
    return make_backup(database, reason) if database is not None else None


def make_backup(database: Path, reason: str, *, spare: Path | None = None) -> Path:
    """A timestamped backup in the database's backup folder, then old ones of that reason go,
    except ``spare`` (the backup a restore is about to put back)."""
    folder = private_folder(backups_dir_for(database))
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    destination = folder / f"{database.stem}-{stamp}-{reason}.sqlite3"
    backup_to(database, destination)
    rotate(folder, database.stem, reason, AUTO_KEEP if reason == "auto" else STEP_KEEP, spare)
    return destination


def list_backups(database: Path, reason: str | None = None) -> list[Path]:
    """Backups of ``database``, oldest first."""
    folder = backups_dir_for(database)
    if not folder.is_dir():
        return []
    pattern = f"{database.stem}-*-{reason}.sqlite3" if reason else f"{database.stem}-*.sqlite3"
    return sorted(folder.glob(pattern))


def rotate(folder: Path, stem: str, reason: str, keep: int, spare: Path | None = None) -> None:
    backups = sorted(p for p in folder.glob(f"{stem}-*-{reason}.sqlite3") if p != spare)
    for old in backups[: max(0, len(backups) - keep)]:
        old.unlink(missing_ok=True)


def automatic_backup_due(database: Path, now: datetime | None = None) -> bool:
    latest = list_backups(database, "auto")
    if not latest:
        return True
    age = (now or datetime.now()).timestamp() - latest[-1].stat().st_mtime
    return age >= AUTO_INTERVAL_HOURS * 3600


def remove_leftovers(database: Path, now: float | None = None) -> list[Path]:
    """Remove what a killed backup or restore of ``database`` left behind; returns them.

    Call it holding the database's lock: a restore always holds it, so its files are leftovers
    at once; a backup (`pierglass backup` runs beside a window) only once it is stale.
    """
    now = time.time() if now is None else now
    removed = [
        path
        for path in (
            database.with_name(database.name + RESTORING),
            database.with_name(database.name + RESTORING + PARTIAL),
        )
        if path.exists()
    ]
    folder = backups_dir_for(database)
    if folder.is_dir():
        removed += [
            path
            for path in folder.glob(f"{database.stem}-*.sqlite3{PARTIAL}")
            if now - path.stat().st_mtime >= STALE_PARTIAL_SECONDS
        ]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def set_aside(database: Path, reason: str) -> Path | None:
    """Back up ``database`` and remove it (with its WAL side files), holding its lock.

    Returns the backup, or None when there was nothing to keep.
    """
    from pierglass_desktop.storage.lock import DatabaseLock

    if not database.is_file():
        return None
    with storage_faults(database):
        lock = DatabaseLock(database)
        lock.acquire()
        try:
            kept = _keep(database, reason)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database}{suffix}").unlink(missing_ok=True)
        finally:
            lock.release()
    return kept


def _keep(database: Path, reason: str) -> Path | None:
    """A backup of a Pier-glass file; an unreadable file is moved to the backups as it is."""
    from pierglass_desktop.domain.errors import StorageError
    from pierglass_desktop.storage.probe import probe

    try:
        revision = probe(database).revision
    except StorageError:  # damaged or not ours: keep its bytes, do not judge them
        folder = private_folder(backups_dir_for(database))
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        return database.replace(folder / f"{database.stem}-{stamp}-{reason}.unreadable")
    return make_backup(database, reason) if revision else None
