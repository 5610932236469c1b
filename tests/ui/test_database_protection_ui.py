"""Aino protects her database in Settings, restarts, and gives the passphrase (issue 16)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QLabel
from tests.meeting_fixtures import seed_group
from tests.ui.test_exchange_page import answer_when

from pierglass_desktop.preferences import load_preferences
from pierglass_desktop.storage import cipher, keychain
from pierglass_desktop.storage.database import open_database
from pierglass_desktop.ui import app
from pierglass_desktop.ui.context import AppContext, Changes
from pierglass_desktop.ui.dialogs.passphrase_dialogs import RecoveryKeyDialog
from pierglass_desktop.ui.dialogs.password_dialog import PasswordDialog
from pierglass_desktop.ui.main_window import MainWindow
from pierglass_desktop.ui.pages.settings import DatabaseProtectionBox
from pierglass_desktop.ui.tasks import TaskRunner
from pierglass_desktop.ui.widgets import files

PASSPHRASE = "kolme vanhaa majakkaa"


@pytest.fixture(autouse=True)
def no_keys_left():
    yield
    for path in list(cipher._keys):
        cipher.forget_key(path)


def typed(password: str, *, remember: bool = False, then=None):
    def handle(dialog: PasswordDialog) -> None:
        if then is not None:
            answer_when(PasswordDialog, then, seconds=20)
        dialog.first.setText(password)
        dialog.again.setText(password)
        dialog.remember.setChecked(remember)
        dialog._on_ok()

    return handle


def open_window(path, qtbot):
    database = open_database(path)
    context = AppContext(database, TaskRunner(), Changes(), load_preferences())
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


def close_window(window):
    window.context.tasks.wait()
    window.context.database.close(automatic_backup=False)
    window.close()


def _start(path):
    """What the window's start does: unlock on the GUI thread, then open (behind the window)."""
    if not app._unlocked(None, str(path)):
        return None
    return app._open(str(path), False)


def test_settings_protect_restart_and_the_passphrase_opens_it(tmp_path, qtbot, monkeypatch):
    path = tmp_path / "aino.sqlite3"
    with open_database(path) as db:
        seed_group(db.sessions, meetings=2, held=1)
    window = open_window(path, qtbot)
    box = window.show_page("settings").findChild(DatabaseProtectionBox)
    assert "not encrypted" in box.state.text()
    shown: dict[str, str] = {}

    def keep_the_key(dialog: RecoveryKeyDialog) -> None:
        shown["key"] = dialog.key_label.text()
        shown["note"] = dialog.note.text()
        monkeypatch.setattr(files, "choose_save_path", lambda *a, **k: tmp_path / "key.pdf")
        monkeypatch.setattr(files, "show_saved", lambda *a: None)
        dialog.print_button.click()
        dialog.reject()

    answer_when(PasswordDialog, typed(PASSPHRASE), seconds=10)
    answer_when(RecoveryKeyDialog, keep_the_key, seconds=30)
    box.protect_button.click()
    assert cipher.is_encrypted(path)
    assert "SSD" in shown["note"]
    printed = "".join(p.extract_text() for p in PdfReader(tmp_path / "key.pdf").pages)
    assert shown["key"][:14] in printed
    protected_box = window.show_page("settings").findChild(DatabaseProtectionBox)
    assert "is protected with a passphrase" in protected_box.state.text()
    close_window(window)

    # A restart: the key is gone from memory; a wrong passphrase is said, the right one opens.
    cipher.forget_key(path)
    seen: list[str] = []

    def right(dialog: PasswordDialog) -> None:
        seen.append(dialog.error.text())
        typed(PASSPHRASE)(dialog)

    answer_when(PasswordDialog, typed("kolme uutta majakkaa", then=right), seconds=20)
    opened = _start(path)
    try:
        assert opened is not None and opened.path == path
        assert seen and seen[0].startswith("That passphrase does not open")
    finally:
        opened.close(automatic_backup=False)


def test_cancelling_the_passphrase_opens_nothing(tmp_path):
    path = tmp_path / "aino.sqlite3"
    open_database(path).close(automatic_backup=False)
    cipher.protect_database(path, PASSPHRASE)
    cipher.forget_key(path)
    labels: list[str] = []

    def give_up(dialog: PasswordDialog) -> None:
        labels.extend(label.text() for label in dialog.findChildren(QLabel))
        dialog.reject()

    answer_when(PasswordDialog, give_up, seconds=10)
    assert _start(path) is None
    assert "Passphrase:" in labels  # the field asks for what the sentence asks for


def test_a_remembered_key_opens_it_without_asking(tmp_path, memory_keyring):
    path = tmp_path / "aino.sqlite3"
    open_database(path).close(automatic_backup=False)
    cipher.protect_database(path, PASSPHRASE)
    keychain.remember(cipher.KEYRING_PREFIX + str(path.resolve()), cipher.key_for(path))
    cipher.forget_key(path)
    opened = _start(path)  # no dialog: a test waiting on one would hang
    assert opened is not None
    opened.close(automatic_backup=False)


def test_the_passphrase_in_the_environment_opens_it_without_asking(tmp_path, monkeypatch):
    path = tmp_path / "aino.sqlite3"
    open_database(path).close(automatic_backup=False)
    cipher.protect_database(path, PASSPHRASE)
    cipher.forget_key(path)
    monkeypatch.setenv("PIERGLASS_PASSPHRASE", PASSPHRASE)
    opened = _start(path)  # no dialog: a test waiting on one would hang
    assert opened is not None
    opened.close(automatic_backup=False)
