"""Start the window: Qt application, language, database, main window; close cleanly on quit."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import _, set_language
from pierglass_desktop.preferences import load_preferences

ORGANIZATION = "Pier-glass"
APPLICATION = "Pier-glass Desktop"
QUIT_WHEN_SHOWN_ENV = "PIERGLASS_QUIT_WHEN_SHOWN"
DEMO_GROUPS = 6
DEMO_SEED = 1


def application() -> QApplication:
    """The one QApplication, named so QSettings finds this program's place."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setWindowIcon(app_icon())
    return app  # type: ignore[return-value]


def app_icon() -> QIcon:
    """The program's icon at every size rendered in resources/icons (title bar, taskbar)."""
    from pierglass_desktop.paths import resources_dir

    icons = resources_dir() / "icons"
    icon = QIcon()
    for path in sorted(icons.glob("pierglass*.png")):
        icon.addFile(str(path))
    return icon


def run_app(database: str | None, demo: bool, language: str | None) -> int:
    """Open the main window; returns the process exit code (1: the database could not open)."""
    app = application()
    preferences = load_preferences()
    code = set_language(language or preferences.language or None)
    from pierglass_desktop.ui.qt_i18n import install_qt_translations

    install_qt_translations(app, code)
    try:
        opened = _open(database, demo)
    except PierglassError as error:
        QMessageBox.critical(None, _("Pier-glass cannot open the database"), str(error))
        return 1
    return _run_window(app, opened, preferences)


def _open(database: str | None, demo: bool):
    from pierglass_desktop.storage.database import open_database
    from pierglass_desktop.storage.location import given_or_default

    if demo:
        return open_database(fresh_demo_database())
    return open_database(given_or_default(database))


def fresh_demo_database() -> Path:
    """Build a new demo database in the data folder, replacing the previous one."""
    from pierglass_desktop.demo.generator import create_demo_database
    from pierglass_desktop.paths import data_dir
    from pierglass_desktop.storage.lock import DatabaseLock

    path = data_dir() / "demo" / "demo.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = DatabaseLock(path)
    lock.acquire()  # another window on the old demo: it says so, and nothing is removed
    try:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    finally:
        lock.release()
    create_demo_database(path, groups=DEMO_GROUPS, seed=DEMO_SEED)
    return path


def _run_window(app: QApplication, database, preferences) -> int:
    from pierglass_desktop.ui.context import AppContext, Changes
    from pierglass_desktop.ui.main_window import MainWindow
    from pierglass_desktop.ui.tasks import TaskRunner

    context = AppContext(database, TaskRunner(), Changes(), preferences)
    install_error_hook()
    try:
        window = MainWindow(context)
        window.show()
        if os.environ.get(QUIT_WHEN_SHOWN_ENV):
            # For benchmarks and smoke tests: say when the window is up, then quit.
            print(f"pierglass-shown {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
        result = app.exec()
        # The loop is over: closing the window now must not post a second quit for a later loop.
        app.setQuitOnLastWindowClosed(False)
        window.close()
        app.setQuitOnLastWindowClosed(True)
        context.tasks.wait()
        return result
    finally:
        context.database.close()  # the database now open, which takes the daily backup


def install_error_hook() -> None:
    """A bug in a slot becomes a log entry and one message, not a silent half-finished click."""
    sys.excepthook = _on_unexpected_error


def _on_unexpected_error(kind, error, trace) -> None:
    import traceback
    from datetime import datetime

    from pierglass_desktop.paths import data_dir

    log_path = data_dir() / "pierglass.log"
    text = "".join(traceback.format_exception(kind, error, trace))
    with open(log_path, "a", encoding="utf-8") as log:
        log.write(f"{datetime.now().isoformat(timespec='seconds')} unexpected error\n{text}\n")
    if sys.__stderr__ is not None:  # none under the windowed launcher on Windows
        sys.__stderr__.write(text)
    QMessageBox.critical(
        None,
        _("Something went wrong"),
        _(
            "Pier-glass ran into an error it did not expect ({error}). What you saved before is "
            "safe: each change is stored whole or not at all. The details are in {log}; please "
            "send that file with a description of what you did."
        ).format(error=error, log=log_path),
    )
