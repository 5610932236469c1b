"""The window says once that files readable by others were made private (issue 16)."""

from __future__ import annotations

import os
import sys

import pytest

from pierglass_desktop import private_files
from pierglass_desktop.preferences import load_preferences
from pierglass_desktop.storage.database import open_database
from pierglass_desktop.ui.context import AppContext, Changes
from pierglass_desktop.ui.main_window import MainWindow
from pierglass_desktop.ui.tasks import TaskRunner


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_window_says_an_open_database_was_made_private(tmp_path, qtbot):
    private_files.take_tightened()
    path = tmp_path / "old.sqlite3"
    open_database(path).close(automatic_backup=False)
    os.chmod(path, 0o644)  # as an older version left it
    database = open_database(path)
    context = AppContext(database, TaskRunner(), Changes(), load_preferences())
    try:
        window = MainWindow(context)
        qtbot.addWidget(window)
        assert "1 file with personal data could be read by other users" in (
            window.statusBar().currentMessage()
        )
        assert private_files.take_tightened() == []  # said once, by the window
    finally:
        context.tasks.wait()
        database.close(automatic_backup=False)


def test_window_opened_before_its_database_says_it_was_made_private(tmp_path, qtbot):
    """As at start-up: the window shows first and the database opens behind it."""
    private_files.take_tightened()
    path = tmp_path / "old.sqlite3"
    open_database(path).close(automatic_backup=False)
    os.chmod(path, 0o644)
    window = MainWindow(None)
    qtbot.addWidget(window)
    database = open_database(path)
    context = AppContext(database, TaskRunner(), Changes(), load_preferences())
    try:
        window.attach(context)
        assert "could be read by other users" in window.statusBar().currentMessage()
    finally:
        context.tasks.wait()
        database.close(automatic_backup=False)
