"""The run-session screen opens without touching the database on the GUI thread, and its
modules go through the services, never the ORM."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

from sqlalchemy import event

from meeting_fixtures import seed_group
from pierglass_desktop.ui import run_session
from pierglass_desktop.ui.run_session.window import RunSessionWindow

FORBIDDEN = ("sqlalchemy", "pierglass_desktop.domain.models", "pierglass_desktop.domain.meetings")


def test_screen_opens_with_a_loading_line_and_reads_only_off_the_gui_thread(
    qtbot, context, database, sessions
):
    seeded = seed_group(sessions, meetings=2, held=1)
    gui = threading.get_ident()
    threads: list[int] = []

    def seen(*_args):
        threads.append(threading.get_ident())

    event.listen(database.engine, "before_cursor_execute", seen)
    try:
        window = RunSessionWindow(context, seeded.meeting_ids[1])
        qtbot.addWidget(window)
        assert not window.ready and window.loading.text() == "Opening the session…"
        assert not window.finish_button.isEnabled()
        with qtbot.waitSignal(window.loaded):
            pass
    finally:
        event.remove(database.engine, "before_cursor_execute", seen)
    assert threads and gui not in threads
    assert window.finish_button.isEnabled() and window.loading.isHidden()
    assert window.attendance.model.rowCount() == 4
    assert window.windowTitle().startswith("Session 2: ")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_run_session_module_imports_the_orm_or_sqlalchemy():
    folder = Path(run_session.__file__).parent
    modules = sorted(folder.glob("*.py"))
    assert len(modules) >= 8
    for path in modules:
        bad = {name for name in _imports(path) if name.startswith(FORBIDDEN)}
        assert not bad, f"{path.name} imports {sorted(bad)}"
