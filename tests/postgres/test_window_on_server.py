"""The window on a server database: `pierglass --database postgresql://…` opens it (issue 15)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from pierglass_desktop.preferences import load_preferences
from pierglass_desktop.services.groups import GroupInput, create_group
from pierglass_desktop.ui.app import _open
from pierglass_desktop.ui.context import AppContext, Changes
from pierglass_desktop.ui.main_window import MainWindow
from pierglass_desktop.ui.tasks import TaskRunner

pytestmark = pytest.mark.usefixtures("gui_thread_collection")


def test_coordinator_opens_the_window_on_a_server_database(server, qtbot, monkeypatch):
    location, url = server
    database = _open(url, demo=False)  # what `pierglass --database URL` opens
    context = AppContext(database, TaskRunner(), Changes(), load_preferences())
    try:
        create_group(database.sessions, GroupInput("Kotihoito Pori"))
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        assert location.name in window.windowTitle()
        assert "postgresql" in window.database_label.text()
        page = window.show_page("groups")
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)

        seen: list[str] = []
        monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: seen.append(text))
        window.actions["check"].trigger()
        qtbot.waitUntil(lambda: bool(seen), timeout=10000)
        assert "good order" in seen[0]
        window.close()
    finally:
        context.tasks.wait()
        database.close()


@pytest.mark.slow
def test_pierglass_with_a_server_address_launches_the_window(server, tmp_path):
    """`pierglass --database postgresql://…` in a fresh process: the window shows and quits."""
    _location, url = server
    env = {
        **os.environ,
        "PIERGLASS_QUIT_WHEN_SHOWN": "1",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "pierglass_desktop", "--database", url],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "pierglass-shown" in done.stdout
