"""The disk fills up while the window is open: quitting says so in one sentence, loses nothing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from fault_helpers import fill_disk, free_disk, small_disk
from pierglass_desktop import cli
from pierglass_desktop.domain.models import Group
from pierglass_desktop.storage.check import check_database
from pierglass_desktop.storage.database import open_database


@pytest.fixture
def disk_fills_while_the_window_is_open(request, monkeypatch, qapp, tmp_path):
    disk = small_disk(request, tmp_path / "disk")
    database = disk / "project.sqlite3"
    with open_database(database) as db, db.sessions.begin() as session:
        session.add(Group(name="Kotihoidon yrittäjät, Pori"))
    for backup in (disk / "project-backups").glob("*"):
        backup.unlink()  # so the daily backup is due when the window closes

    def exec_until_the_disk_is_full(self=None) -> int:
        QApplication.processEvents()
        fill_disk(disk)  # another program filled the disk during the day
        return 0

    monkeypatch.delenv("PIERGLASS_QUIT_WHEN_SHOWN", raising=False)
    monkeypatch.setattr(QApplication, "exec", exec_until_the_disk_is_full)
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: pytest.fail(str(args)))
    return disk, database


def test_quitting_on_a_disk_that_filled_up_is_one_sentence_and_keeps_the_data(
    disk_fills_while_the_window_is_open, capsys
):
    disk, database = disk_fills_while_the_window_is_open
    assert cli.main(["--database", str(database)]) == 1
    err = capsys.readouterr().err
    assert err == "pierglass: The disk is full: free some space; nothing was lost.\n"
    free_disk(disk)
    assert check_database(database).ok
    assert not list(disk.rglob("*.partial"))
    with open_database(database) as db, db.sessions() as session:
        assert [g.name for g in session.query(Group)] == ["Kotihoidon yrittäjät, Pori"]
