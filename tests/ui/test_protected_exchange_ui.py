"""Aino exports a protected file through the window; Pekka opens it with the project password."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from tests.meeting_fixtures import seed_group
from tests.ui.loading import settled
from tests.ui.test_exchange_page import answer_when, make_page, press

from pierglass_desktop.exchange.protected import decrypt, is_protected
from pierglass_desktop.services.sync_export import export_sync
from pierglass_desktop.storage import keychain
from pierglass_desktop.ui.dialogs.password_dialog import PasswordDialog
from pierglass_desktop.ui.dialogs.sync_import_dialog import SyncImportDialog
from pierglass_desktop.ui.pages.settings import ProjectPasswordBox
from pierglass_desktop.ui.widgets import files

PASSWORD = "Merituuli-2026"


def type_password(password: str, *, remember: bool = False, again: str | None = None):
    def handle(dialog: PasswordDialog) -> None:
        dialog.first.setText(password)
        dialog.again.setText(password if again is None else again)
        dialog.remember.setChecked(remember)
        dialog._on_ok()

    return handle


def test_tutor_is_asked_the_project_password_once_and_the_export_is_protected(
    context, qtbot, tmp_path, monkeypatch, memory_keyring
):
    seed_group(context.sessions, meetings=2, held=1)
    page = make_page(context, qtbot)
    assert page.protect.isChecked()  # personal data leaves protected unless she says otherwise
    monkeypatch.setattr(files, "choose_save_path", lambda *a, **k: tmp_path / "one.xlsx")
    answer_when(QMessageBox, press("Choose where to save…", []))
    answer_when(PasswordDialog, type_password(PASSWORD, remember=True), seconds=10)
    page.export_button.click()
    qtbot.waitUntil(lambda: "Saved" in page.export_status.text(), timeout=20000)
    assert is_protected(tmp_path / "one.xlsx")
    assert decrypt(tmp_path / "one.xlsx", PASSWORD)[:2] == b"PK"
    assert "by phone or text message" in page.export_status.text()
    assert keychain.recall(keychain.PROJECT_PASSWORD) == PASSWORD

    # The next export takes the kept password without asking.
    monkeypatch.setattr(files, "choose_save_path", lambda *a, **k: tmp_path / "two.xlsx")
    answer_when(QMessageBox, press("Choose where to save…", []))
    page.export_button.click()
    qtbot.waitUntil(
        lambda: "Saved" in page.export_status.text() and "two" in page.export_status.text(),
        timeout=20000,
    )
    assert decrypt(tmp_path / "two.xlsx", PASSWORD)[:2] == b"PK"


def test_two_different_passwords_are_refused_in_the_dialog(qtbot):
    dialog = PasswordDialog("Protect", "text", confirm=True)
    qtbot.addWidget(dialog)
    dialog.first.setText("yksi")
    dialog.again.setText("kaksi")
    dialog._on_ok()
    assert dialog.result() == 0 and dialog.error.text() == "The two passwords differ."


def test_coordinator_types_the_password_and_the_protected_file_imports(
    context, coordinator, qtbot, tmp_path
):
    seed_group(context.sessions, meetings=2, held=1)
    export = tmp_path / "aino.xlsx"
    export_sync(context.sessions, export, password=PASSWORD)
    page = make_page(coordinator, qtbot)
    seen: dict[str, str] = {}

    def apply(dialog: SyncImportDialog) -> None:
        seen["summary"] = dialog.summary.text()
        dialog.apply_button.click()

    summary: list[str] = []
    answer_when(PasswordDialog, type_password(PASSWORD), seconds=10)
    answer_when(SyncImportDialog, apply)
    answer_when(QMessageBox, press("OK", summary), seconds=40)
    page.start_preview([export])
    qtbot.waitUntil(lambda: bool(summary), timeout=40000)
    assert summary[0].startswith("1 file imported."), summary


def test_a_wrong_password_refuses_the_file_in_a_sentence(context, coordinator, qtbot, tmp_path):
    seed_group(context.sessions, meetings=1, held=1)
    export = tmp_path / "aino.xlsx"
    export_sync(context.sessions, export, password=PASSWORD)
    keychain.remember(keychain.PROJECT_PASSWORD, "not this one")
    page = make_page(coordinator, qtbot)
    seen: dict[str, object] = {}

    def look(dialog: SyncImportDialog) -> None:
        seen["text"] = dialog.summary.text()
        seen["note"] = dialog.file_note.text()
        seen["apply"] = dialog.apply_button.isEnabled()
        dialog.reject()

    answer_when(SyncImportDialog, look)
    page.start_preview([export])
    qtbot.waitUntil(lambda: "text" in seen, timeout=20000)
    assert seen["apply"] is False
    assert "1 file is refused" in seen["text"]
    assert seen["note"] == "The password does not open aino.xlsx; nothing of it was imported."
    assert page.history_model.rowCount() == 0


def test_settings_keep_and_forget_the_project_password(qtbot, memory_keyring):
    box = ProjectPasswordBox()
    qtbot.addWidget(box)
    box.resize(720, 300)
    assert "No project password is kept" in box.state.text()
    box.password.setText(PASSWORD)
    box.keep_button.click()
    assert keychain.recall(keychain.PROJECT_PASSWORD) == PASSWORD
    assert box.password.text() == "" and "is kept in this computer's keyring" in box.state.text()
    box.forget_button.click()
    assert keychain.recall(keychain.PROJECT_PASSWORD) is None


def test_without_a_keyring_settings_say_the_password_is_asked_each_time(qtbot):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # the autouse fixture puts its own back afterwards
    box = ProjectPasswordBox()
    qtbot.addWidget(box)
    assert not box.password.isEnabled() and not box.keep_button.isEnabled()
    assert "asks for the password each time" in box.state.text()
    assert keychain.recall(keychain.PROJECT_PASSWORD) is None


def test_their_data_is_exported_with_a_password_of_its_own(context, qtbot, tmp_path, monkeypatch):
    from pierglass_desktop.services.participants import ParticipantInput, create_participant
    from pierglass_desktop.ui.dialogs import person_data
    from pierglass_desktop.ui.pages.participants import ParticipantsPage

    keychain.remember(keychain.PROJECT_PASSWORD, PASSWORD)  # not for a person's own file
    liisa = create_participant(context.sessions, ParticipantInput("Liisa", "Laine"))
    page = settled(ParticipantsPage(context))
    qtbot.addWidget(page)
    page.select_participant(liisa.id)
    target = tmp_path / "liisa.xlsx"
    monkeypatch.setattr(person_data, "choose_save_path", lambda *a, **k: target)
    saved: list = []
    monkeypatch.setattr(person_data, "show_saved", lambda *a: saved.append(a))
    asked: list[str] = []

    def answer(dialog: PasswordDialog) -> None:
        asked.append(dialog.windowTitle())
        assert dialog.protect.isChecked()  # protected unless the tutor unticks it
        type_password("Liisan-oma")(dialog)

    answer_when(PasswordDialog, answer, seconds=10)
    person_data.export_their_data(page, context)
    assert asked == ["Protect their data"] and saved
    assert decrypt(target, "Liisan-oma")[:2] == b"PK"
