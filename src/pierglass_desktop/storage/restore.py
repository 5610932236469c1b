"""Putting a backup back in place, keeping a copy of what it replaces."""

from __future__ import annotations

from pathlib import Path

from pierglass_desktop.domain.errors import StorageError
from pierglass_desktop.i18n import _
from pierglass_desktop.storage import backup
from pierglass_desktop.storage.check import check_database
from pierglass_desktop.storage.lock import DatabaseLock
from pierglass_desktop.storage.probe import probe


def restore_backup(source: Path, database: Path) -> Path | None:
    """Replace ``database`` with the backup ``source``; returns the copy of the replaced file.

    The backup is checked first (a Pier-glass database, undamaged); the current file is backed up
    before it is replaced, and the lock keeps a running program from writing meanwhile.
    """
    source, database = Path(source).expanduser(), Path(database).expanduser()
    if not source.is_file():
        raise StorageError(_("There is no backup file at {path}.").format(path=source))
    if probe(source).revision is None:
        raise StorageError(
            _("{path} holds no Pier-glass data, so it cannot be restored.").format(path=source)
        )
    report = check_database(source)
    if not report.ok:
        raise StorageError(
            _("The backup {path} is damaged ({problem}); nothing was restored.").format(
                path=source, problem=report.problems[0]
            )
        )
    lock = DatabaseLock(database)
    lock.acquire()
    try:
        kept = None
        if database.exists() and database.stat().st_size:
            kept = backup.make_backup(database, "before-restore")
        backup.backup_to(source, database.with_name(database.name + ".restoring"))
        for side in ("-wal", "-shm"):
            Path(f"{database}{side}").unlink(missing_ok=True)
        database.with_name(database.name + ".restoring").replace(database)
        return kept
    finally:
        lock.release()
