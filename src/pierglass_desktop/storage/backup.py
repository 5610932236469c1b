"""Backups through SQLite's backup API (never a copy of the live file), rotated per reason."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from pierglass_desktop.paths import backups_dir_for
from pierglass_desktop.storage.probe import read_only_connection

AUTO_KEEP = 10  # automatic daily backups kept
STEP_KEEP = 20  # backups before migrations and imports kept
AUTO_INTERVAL_HOURS = 24


def backup_to(database: Path, destination: Path) -> Path:
    """A consistent copy of ``database`` at ``destination``, written whole or not at all."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    source = read_only_connection(database)
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    partial.replace(destination)
    return destination


def make_backup(database: Path, reason: str) -> Path:
    """A timestamped backup in the database's backup folder, then old ones of that reason go."""
    folder = backups_dir_for(database)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    destination = folder / f"{database.stem}-{stamp}-{reason}.sqlite3"
    backup_to(database, destination)
    rotate(folder, database.stem, reason, AUTO_KEEP if reason == "auto" else STEP_KEEP)
    return destination


def list_backups(database: Path, reason: str | None = None) -> list[Path]:
    """Backups of ``database``, oldest first."""
    folder = backups_dir_for(database)
    if not folder.is_dir():
        return []
    pattern = f"{database.stem}-*-{reason}.sqlite3" if reason else f"{database.stem}-*.sqlite3"
    return sorted(folder.glob(pattern))


def rotate(folder: Path, stem: str, reason: str, keep: int) -> None:
    backups = sorted(folder.glob(f"{stem}-*-{reason}.sqlite3"))
    for old in backups[: max(0, len(backups) - keep)]:
        old.unlink(missing_ok=True)


def automatic_backup_due(database: Path, now: datetime | None = None) -> bool:
    latest = list_backups(database, "auto")
    if not latest:
        return True
    age = (now or datetime.now()).timestamp() - latest[-1].stat().st_mtime
    return age >= AUTO_INTERVAL_HOURS * 3600
