"""Backups are real, consistent databases; automatic ones rotate."""

from __future__ import annotations

import os
import sqlite3
import time

import pytest

from pierglass_desktop.domain.models import Group
from pierglass_desktop.storage import backup
from pierglass_desktop.storage.check import check_database
from pierglass_desktop.storage.database import open_database

# Backups are files beside a database file; a server's own backups serve there (issue 15).
pytestmark = pytest.mark.sqlite_only


def test_backup_of_an_open_database_opens_and_passes_integrity_check(database):
    with database.sessions.begin() as session:
        session.add(Group(name="Kotihoidon yrittäjät, Pori"))
    copy = backup.make_backup(database.path, "manual")

    report = check_database(copy)
    assert report.ok, report.problems
    connection = sqlite3.connect(copy)
    assert connection.execute("SELECT name FROM groups").fetchall() == [
        ("Kotihoidon yrittäjät, Pori",)
    ]
    connection.close()


def test_closing_takes_a_daily_automatic_backup_once(db_path):
    open_database(db_path).close()
    open_database(db_path).close()
    assert len(backup.list_backups(db_path, "auto")) == 1


def test_automatic_backup_is_due_again_after_a_day(db_path):
    open_database(db_path).close()
    (only,) = backup.list_backups(db_path, "auto")
    day_ago = time.time() - 25 * 3600
    os.utime(only, (day_ago, day_ago))
    assert backup.automatic_backup_due(db_path)


def test_old_backups_of_a_reason_rotate_away(database):
    made = [backup.make_backup(database.path, "auto") for _ in range(backup.AUTO_KEEP + 3)]
    kept = backup.list_backups(database.path, "auto")
    assert kept == made[-backup.AUTO_KEEP :]
    # Other reasons are not touched by that rotation.
    manual = backup.make_backup(database.path, "manual")
    backup.make_backup(database.path, "auto")
    assert manual in backup.list_backups(database.path)


def test_leftovers_of_a_killed_backup_or_restore_go_at_the_next_start(db_path):
    open_database(db_path).close(automatic_backup=False)
    folder = db_path.parent / "project-backups"
    folder.mkdir(exist_ok=True)
    stale = folder / "project-20260101-120000-000000-manual.sqlite3.partial"
    running = folder / "project-20260101-120500-000000-manual.sqlite3.partial"
    not_ours = [folder / "other-20260101-120000-000000-manual.sqlite3.partial", folder / "a.txt"]
    restoring = [db_path.with_name("project.sqlite3.restoring" + s) for s in ("", ".partial")]
    for path in (stale, running, *not_ours, *restoring):
        path.write_bytes(b"SQLite format 3\0 half")
    an_hour_ago = time.time() - 3600
    for path in (stale, *not_ours, *restoring):
        os.utime(path, (an_hour_ago, an_hour_ago))

    open_database(db_path).close(automatic_backup=False)

    assert not stale.exists() and not any(p.exists() for p in restoring)
    assert running.exists()  # another program may be writing it right now
    assert all(p.exists() for p in not_ours)
