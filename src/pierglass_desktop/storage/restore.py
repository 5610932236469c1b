"""Putting a backup back in place, keeping a copy of what it replaces."""

from __future__ import annotations

from pathlib import Path

from pierglass_desktop.domain.errors import NewerDatabase, StorageError
from pierglass_desktop.i18n import _
from pierglass_desktop.storage import backup
from pierglass_desktop.storage.check import check_database
from pierglass_desktop.storage.faults import storage_faults
from pierglass_desktop.storage.lock import DatabaseLock
from pierglass_desktop.storage.probe import probe


def restore_backup(source: Path, database: Path) -> Path | None:
    """Replace ``database`` with the backup ``source``; returns the copy of the replaced file.

    The backup is checked first (a Pier-glass database this version can open, undamaged); the
    current file is backed up before it is replaced, and the lock keeps a running program from
    writing meanwhile. A symlinked path is followed, so the lock and the new file are the real
    file's.
    """
    source = Path(source).expanduser().resolve()
    database = Path(database).expanduser().resolve()
    with storage_faults(database):
        _check_backup(source)
        _check_target(database)
        lock = DatabaseLock(database)
        lock.acquire()
        try:
            return _replace(source, database)
        finally:
            lock.release()


def _check_backup(source: Path) -> None:
    from pierglass_desktop.storage.migrate import known_revisions

    if not source.is_file():
        raise StorageError(_("There is no backup file at {path}.").format(path=source))
    revision = probe(source).revision
    if revision is None:
        raise StorageError(
            _("{path} holds no Pier-glass data, so it cannot be restored.").format(path=source)
        )
    if revision not in known_revisions():
        raise NewerDatabase(
            _(
                "The backup {path} was saved by a newer version of Pier-glass (database version "
                "{revision}); nothing was restored. Install the newest version to restore it."
            ).format(path=source, revision=revision)
        )
    report = check_database(source)
    if not report.ok:
        raise StorageError(
            _("The backup {path} is damaged ({problem}); nothing was restored.").format(
                path=source, problem=report.problems[0]
            )
        )


def _check_target(database: Path) -> None:
    if database.is_dir():
        raise StorageError(
            _("{path} is a folder; give the database file to restore into.").format(path=database)
        )
    if not database.parent.is_dir():
        raise StorageError(
            _("The folder {folder} does not exist; nothing was restored.").format(
                folder=database.parent
            )
        )


def _replace(source: Path, database: Path) -> Path | None:
    backup.remove_leftovers(database)
    kept = None
    if database.exists() and database.stat().st_size:
        kept = backup.make_backup(database, "before-restore", spare=source)
    incoming = database.with_name(database.name + backup.RESTORING)
    try:
        backup.backup_to(source, incoming)
        for side in ("-wal", "-shm"):
            Path(f"{database}{side}").unlink(missing_ok=True)
        incoming.replace(database)
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise
    return kept
