"""Start the window: Qt application, language, main window, database; close cleanly on quit.

The window shows first, with its navigation and a loading note: the database, SQLAlchemy and the
data model load in a background thread meanwhile (about three times as long as a bare window
takes to appear), and the page shown is built when they are ready.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore  # Qt's namespace: as QtCore.Qt in functions (see ui/__init__)
from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import _, set_language
from pierglass_desktop.preferences import load_preferences
from pierglass_desktop.ui import data_layer_imports

if TYPE_CHECKING:
    from pierglass_desktop.ui.collector import GuiThreadCollector

ORGANIZATION = "Pier-glass"
APPLICATION = "Pier-glass Desktop"
QUIT_WHEN_SHOWN_ENV = "PIERGLASS_QUIT_WHEN_SHOWN"
# For the start-up benchmark: quit once the first page shows its data, saying when.
QUIT_WHEN_LOADED_ENV = "PIERGLASS_QUIT_WHEN_LOADED"
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
    from pierglass_desktop.ui.main_window import MainWindow
    from pierglass_desktop.ui.qt_i18n import install_qt_translations

    install_qt_translations(app, code)
    window = MainWindow(None)  # navigation and a loading note, before any data
    window.show()
    _mark("pierglass-shown", QUIT_WHEN_SHOWN_ENV)
    # Only now: started before the window, the thread's imports slowed the window down (they
    # share one interpreter lock) and it showed no sooner.
    if not demo and not _unlocked(window, database):  # a dialog: on the GUI thread
        window.close()
        window.deleteLater()
        return 1
    opening = _Opening(database, demo)
    try:
        opened = opening.result()
    except PierglassError as error:
        window.close()
        window.deleteLater()
        QMessageBox.critical(None, _("Pier-glass cannot open the database"), str(error))
        return 1
    return _run_window(app, window, opened, preferences)


def _mark(name: str, env: str) -> None:
    """For benchmarks and smoke tests: say when a moment of start-up came, and how much
    processor time the process had used by then (all its threads)."""
    if os.environ.get(env):
        print(f"{name} {time.time():.6f} {time.process_time():.6f}", flush=True)


class _Finished(QObject):
    signal = Signal()


class _Opening:
    """``_open`` in a thread of its own; ``result()`` lets the window paint and answer until
    it is done, then gives the database or raises its error on the GUI thread."""

    def __init__(self, database: str | None, demo: bool):
        self._outcome: dict[str, object] = {}
        self._loop = QEventLoop()
        self._finished = _Finished()  # lives on the GUI thread: the quit is queued to it
        # Emitted on the opening thread, so queued (Qt's automatic choice): the quit is an event.
        self._finished.signal.connect(self._loop.quit)
        self._thread = threading.Thread(
            target=self._work, args=(database, demo), name="open-database", daemon=True
        )
        self._thread.start()

    def _work(self, database: str | None, demo: bool) -> None:
        try:
            with data_layer_imports():
                self._outcome["database"] = _open(database, demo)
        except BaseException as error:  # raised again by result(), on the GUI thread
            self._outcome["error"] = error
        self._finished.signal.emit()

    def result(self):
        self._loop.exec()  # a quit queued before this still ends it: it is an event
        self._thread.join()
        if "error" in self._outcome:
            raise self._outcome["error"]  # type: ignore[misc]
        return self._outcome["database"]


def _open(database: str | None, demo: bool):
    from pierglass_desktop.storage.database import open_database
    from pierglass_desktop.storage.location import given_or_default

    opened = open_database(fresh_demo_database() if demo else given_or_default(database))
    load_data_model()
    return opened


def load_data_model() -> None:
    """The part of the data model the pages start from, its mappers configured: people and
    meetings, which every list page and Today read first. Here, behind the window; left to the
    first page, the model was 0.1-0.15 s on the GUI thread (the page's module imports the
    services, which import the model) before its data could load. The library, assessments
    and records (a third of the model's classes, 30-40 ms) follow once the first page shows its
    data (``load_rest_of_data_model``); a page that needs them sooner imports them itself."""
    from sqlalchemy.orm import configure_mappers

    import pierglass_desktop.domain.meetings
    import pierglass_desktop.domain.people
    import pierglass_desktop.services  # noqa: F401  (the pages' modules import it first)

    configure_mappers()


def load_rest_of_data_model() -> None:
    """Every mapped class, configured (see ``load_data_model``)."""
    from sqlalchemy.orm import configure_mappers

    import pierglass_desktop.domain.models  # noqa: F401

    configure_mappers()


class _RestOfModel:
    """``load_rest_of_data_model`` on a thread of its own, started once the first page has its
    data; ``join`` before the program ends."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._load, name="load-data-model", daemon=True)
            self._thread.start()

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()

    @staticmethod
    def _load() -> None:
        import gc

        with data_layer_imports():
            load_rest_of_data_model()
        gc.freeze()  # out of the collector's sight, as the rest of start-up (settle_after_start)


def _unlocked(window, database: str | None) -> bool:
    """A database protected with a passphrase is unlocked first (the kept key, or asked);
    False when the person gave up, and nothing was opened."""
    from pierglass_desktop.paths import default_database, given_database_text, is_url
    from pierglass_desktop.storage.sqlite_header import is_encrypted

    # On the GUI thread: no storage.location here, it would import SQLAlchemy before the
    # database starts opening behind the window.
    named = given_database_text(database)
    if named and is_url(named):  # a server database: the server protects it
        return True
    path = Path(named).expanduser() if named else default_database()
    if not is_encrypted(path):  # a plain file, or none yet: no dialogs to import on the way
        return True
    from pierglass_desktop.ui.dialogs.passphrase_dialogs import unlock_database

    return unlock_database(window, path)


def fresh_demo_database() -> Path:
    """Build a new demo database in the data folder, replacing the previous one."""
    from pierglass_desktop.demo.generator import create_demo_database
    from pierglass_desktop.paths import data_dir
    from pierglass_desktop.private_files import private_folder
    from pierglass_desktop.storage.lock import DatabaseLock

    path = data_dir() / "demo" / "demo.sqlite3"
    private_folder(path.parent)
    lock = DatabaseLock(path)
    lock.acquire()  # another window on the old demo: it says so, and nothing is removed
    try:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    finally:
        lock.release()
    create_demo_database(path, groups=DEMO_GROUPS, seed=DEMO_SEED)
    return path


def _run_window(app: QApplication, window, database, preferences) -> int:
    from pierglass_desktop.ui.context import AppContext, Changes
    from pierglass_desktop.ui.tasks import TaskRunner

    context = AppContext(database, TaskRunner(), Changes(), preferences)
    install_error_hook()
    collector = None
    rest_of_model = _RestOfModel()
    try:
        window.attach(context)
        collector = settle_after_start(app)
        if os.environ.get(QUIT_WHEN_SHOWN_ENV):
            QTimer.singleShot(0, app.quit)
        elif os.environ.get(QUIT_WHEN_LOADED_ENV):
            window.first_page_loaded.connect(
                lambda: _mark("pierglass-loaded", QUIT_WHEN_LOADED_ENV)
            )
            window.first_page_loaded.connect(app.quit, QtCore.Qt.ConnectionType.QueuedConnection)
        window.first_page_loaded.connect(
            rest_of_model.start, QtCore.Qt.ConnectionType.SingleShotConnection
        )
        result = app.exec()
        # The loop is over: closing the window now must not post a second quit for a later loop.
        app.setQuitOnLastWindowClosed(False)
        window.close()
        app.setQuitOnLastWindowClosed(True)
        context.tasks.wait()
        return result
    finally:
        rest_of_model.join()
        context.database.close()  # the database now open, which takes the daily backup
        if collector is not None:
            collector.stop()


def settle_after_start(app: QApplication) -> GuiThreadCollector:
    """Move what start-up made (modules, classes, the data model: some 500,000 objects) out of
    the garbage collector's sight. A full collection walked them all, 40-50 ms with the
    interpreter lock held, and the window stopped answering while Today's lists loaded;
    now it looks at the objects made since. Collection, off while the program started (see
    ``cli._open_window``), runs from here on the GUI thread only (``ui/collector.py``)."""
    import gc

    from pierglass_desktop.ui.collector import GuiThreadCollector

    gc.freeze()
    return GuiThreadCollector(app)


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
