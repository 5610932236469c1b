"""UI fixtures: QSettings in a temp folder, an AppContext on a real database, dialog answering."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path, qapp, gui_thread_collection) -> Iterator[None]:
    """Window state goes to an ini file in the test's folder, never the user's settings; and
    cycles are collected on the GUI thread only, as in the window's process."""
    from pierglass_desktop.ui.app import application

    application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    QSettings().clear()
    yield
    QSettings().clear()
    from pierglass_desktop.ui.qt_i18n import install_qt_translations

    install_qt_translations(qapp, "en")  # a test that switched Qt to Finnish switches back


@pytest.fixture
def context(database, qtbot):
    from pierglass_desktop.preferences import load_preferences
    from pierglass_desktop.ui.context import AppContext, Changes
    from pierglass_desktop.ui.tasks import TaskRunner

    ctx = AppContext(database, TaskRunner(), Changes(), load_preferences())
    yield ctx
    ctx.tasks.wait()


@pytest.fixture
def coordinator(tmp_path, qtbot):
    """Pekka's own database on its own file, with its own page context."""
    from pierglass_desktop.preferences import load_preferences
    from pierglass_desktop.storage.database import open_database
    from pierglass_desktop.ui.context import AppContext, Changes
    from pierglass_desktop.ui.tasks import TaskRunner

    (tmp_path / "pekka").mkdir()
    database = open_database(tmp_path / "pekka" / "project.sqlite3")
    context = AppContext(database, TaskRunner(), Changes(), load_preferences())
    yield context
    context.tasks.wait()
    database.close(automatic_backup=False)


def answer_next_dialog(handle: Callable[[QWidget], None], *, tries: int = 100) -> None:
    """When the next modal dialog opens (its exec() blocks the test), call ``handle`` on it."""

    def attempt(remaining: int) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if remaining:
                QTimer.singleShot(20, lambda: attempt(remaining - 1))
            return
        handle(dialog)

    QTimer.singleShot(0, lambda: attempt(tries))


def click_message_button(text: str) -> Callable[[QWidget], None]:
    """A handler that presses the message box button labelled ``text`` (and records the box)."""

    def handle(box: QWidget) -> None:
        assert isinstance(box, QMessageBox), box
        seen.append(box.text())
        formats.append(box.textFormat())
        for button in box.buttons():
            if button.text().replace("&", "") == text:
                button.click()
                return
        raise AssertionError(f"no button {text!r} in {[b.text() for b in box.buttons()]}")

    seen: list[str] = []
    formats: list = []
    handle.seen = seen  # type: ignore[attr-defined]
    handle.formats = formats  # type: ignore[attr-defined]
    return handle


def fill_and_accept(fill: Callable[[QDialog], None]) -> Callable[[QWidget], None]:
    """A handler that fills a form dialog and presses OK; records errors if it stays open."""

    def handle(dialog: QWidget) -> None:
        fill(dialog)  # type: ignore[arg-type]
        dialog.ok_button().click()  # type: ignore[attr-defined]

    return handle


@pytest.fixture
def dialogs():
    """The dialog-answering helpers, for tests that click through modal dialogs."""
    return DialogHelpers()


class DialogHelpers:
    answer_next = staticmethod(answer_next_dialog)
    click_button = staticmethod(click_message_button)
    fill_and_accept = staticmethod(fill_and_accept)
