"""Aino exports her group for the project; Pekka previews it, settles a conflict and applies it.

Two real databases (the tutor's laptop and the coordinator's), real workbooks on disk, the
real page and preview dialog, work done off the GUI thread through the task runner.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from tests.meeting_fixtures import seed_group

from pierglass_desktop.domain.enums import NoteVisibility
from pierglass_desktop.domain.models import Group, Note
from pierglass_desktop.services.changes import Change
from pierglass_desktop.services.sync_export import export_sync
from pierglass_desktop.services.sync_import import apply_import, preview_import
from pierglass_desktop.ui.dialogs.sync_import_dialog import SyncImportDialog
from pierglass_desktop.ui.pages.exchange import ExchangePage
from pierglass_desktop.ui.widgets import files


def answer_when(kind: type, handle: Callable[[QWidget], None], *, seconds: float = 20) -> None:
    """When a modal ``kind`` opens (maybe after background work), call ``handle`` on it once."""

    def attempt(remaining: int) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            try:
                handle(dialog)
            except BaseException:
                dialog.reject()  # a failed check must not leave the test waiting on a dialog
                raise
        elif remaining:
            QTimer.singleShot(20, lambda: attempt(remaining - 1))

    QTimer.singleShot(0, lambda: attempt(int(seconds * 50)))


def press(text: str, seen: list[str]) -> Callable[[QWidget], None]:
    def handle(box: QWidget) -> None:
        seen.append(box.text())
        for button in box.buttons():
            if button.text().replace("&", "") == text:
                button.click()
                return
        raise AssertionError([b.text() for b in box.buttons()])

    return handle


def make_page(context, qtbot) -> ExchangePage:
    page = ExchangePage(context)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def set_place(sessions, group_id: str, place: str) -> None:
    with sessions.begin() as s:
        s.get(Group, group_id).location = place


def place(sessions, group_id: str) -> str:
    with sessions() as s:
        return s.get(Group, group_id).location


def test_tutor_exports_and_coordinator_takes_theirs_in_a_conflict(
    context, coordinator, qtbot, tmp_path, monkeypatch
):
    aino = seed_group(context.sessions, meetings=3, held=2)
    # October: the first file went in cleanly.
    first = tmp_path / "october.xlsx"
    export_sync(context.sessions, first)
    apply_import(coordinator.database, preview_import(coordinator.sessions, [first]))
    # Since then both changed where the group meets: Aino on her laptop, Pekka in his copy.
    set_place(coordinator.sessions, aino.group_id, "Pori, keskusta")
    set_place(context.sessions, aino.group_id, "Pori, Itätuulentie 4")

    with context.sessions.begin() as s:
        s.add(
            Note(group_id=aino.group_id, body="Group dynamics", visibility=NoteVisibility.PRIVATE)
        )
    # Aino exports through the page, every group, pseudonymising nobody.
    tutor_page = make_page(context, qtbot)
    tutor_page.protect.setChecked(False)  # protected exports: test_protected_exchange_ui.py
    assert tutor_page.chosen_group_ids() == [aino.group_id]
    second = tmp_path / "november.xlsx"
    monkeypatch.setattr(files, "choose_save_path", lambda *a, **k: second)
    shown: list[str] = []
    answer_when(QMessageBox, press("Choose where to save…", shown))
    tutor_page.export_button.click()
    qtbot.waitUntil(lambda: "Saved" in tutor_page.export_status.text(), timeout=20000)
    written = second
    assert written.is_file() and str(written) in tutor_page.export_status.text()
    assert "Participants: 4" in shown[0]
    assert "1 private note stays on this computer." in shown[0]

    # Pekka imports it; the preview shows the conflict side by side and he takes theirs.
    page = make_page(coordinator, qtbot)
    monkeypatch.setattr(files, "choose_open_paths", lambda *a, **k: [written])
    seen: dict[str, object] = {}

    def decide(dialog: SyncImportDialog) -> None:
        seen["apply_enabled_before"] = dialog.apply_button.isEnabled()
        seen["summary"] = dialog.summary.text()
        assert dialog.conflicts_model.rowCount() == 1
        dialog.conflicts_table.selectRow(0)
        diff = dialog.diff_model.rows()
        seen["diff"] = [(d.label, d.mine, d.theirs) for d in diff]
        dialog.decide_buttons["chosen_theirs"].click()
        seen["decision"] = dialog.conflicts_model.data(dialog.conflicts_model.index(0, 6))
        dialog.apply_button.click()

    summary: list[str] = []
    answer_when(SyncImportDialog, decide)
    answer_when(QMessageBox, press("OK", summary), seconds=40)
    refreshed: list[set] = []
    coordinator.changes.changed.connect(refreshed.append)
    page.import_button.click()
    qtbot.waitUntil(lambda: bool(summary), timeout=40000)

    assert seen["apply_enabled_before"] is False
    assert "Decide 1 conflict before applying." in seen["summary"]
    assert ("Location", "Pori, keskusta", "Pori, Itätuulentie 4") in seen["diff"], seen["diff"]
    assert seen["decision"] == "Take theirs"
    assert summary[0].startswith("1 file imported.")
    assert place(coordinator.sessions, aino.group_id) == "Pori, Itätuulentie 4"
    assert refreshed and Change.PARTICIPANTS in refreshed[0]
    assert page.history_model.rowCount() == 2  # October and November
    # The Project page now says the group came from Aino's copy, last with November's file.
    from pierglass_desktop.ui.pages.project import ProjectPage

    project = ProjectPage(coordinator)
    qtbot.addWidget(project)
    qtbot.waitUntil(lambda: not project.loading, timeout=10000)
    texts = [project.groups_model.data(project.groups_model.index(0, c)) for c in range(8)]
    assert texts[3].startswith("Copy ") and texts[4].endswith("· november.xlsx"), texts


def test_refused_file_is_named_with_its_sentence_and_nothing_applies(
    coordinator, qtbot, tmp_path, monkeypatch
):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"this is not a workbook")
    page = make_page(coordinator, qtbot)
    seen: dict[str, object] = {}

    def look(dialog: SyncImportDialog) -> None:
        row = dialog.files_proxy.row_at(0)
        seen["status"] = dialog.files_model.data(dialog.files_model.index(0, 1))
        seen["reason"] = row.reason
        seen["apply"] = dialog.apply_button.isEnabled()
        dialog.reject()

    answer_when(SyncImportDialog, look)
    page.start_preview([broken])
    qtbot.waitUntil(lambda: "reason" in seen, timeout=20000)
    assert seen["status"] == "Refused"
    assert "broken.xlsx" in str(seen["reason"]) and str(seen["reason"]).endswith(".")
    assert "Error" not in str(seen["reason"])
    assert seen["apply"] is False
    assert page.history_model.rowCount() == 0


def test_exchange_models_pass_the_model_tester(context, qtbot, qtmodeltester, tmp_path):
    seed_group(context.sessions, meetings=2, held=1)
    path = tmp_path / "x.xlsx"
    export_sync(context.sessions, path)
    dialog = SyncImportDialog(context, preview_import(context.sessions, [Path(path)]))
    qtbot.addWidget(dialog)
    for model in (dialog.files_model, dialog.sheets_model, dialog.errors_model):
        qtmodeltester.check(model)


def test_a_wrong_value_is_listed_with_sheet_row_column_rule_and_value(
    context, coordinator, qtbot, tmp_path
):
    import openpyxl

    seed_group(context.sessions, meetings=2, held=1)
    path = tmp_path / "edited-in-excel.xlsx"
    export_sync(context.sessions, path)
    book = openpyxl.load_workbook(path)
    sheet = book["groups"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=header.index("mode") + 1, value="teleport")
    book.save(path)

    page = make_page(coordinator, qtbot)
    seen: dict[str, object] = {}

    def look(dialog: SyncImportDialog) -> None:
        seen["errors"] = [
            (e.filename, e.sheet, e.row, e.column, e.value) for e in dialog.errors_model.rows()
        ]
        seen["tab"] = dialog.tabs.tabText(1)
        seen["shown_sheet"] = dialog.errors_model.data(dialog.errors_model.index(0, 1))
        seen["rule"] = dialog.errors_model.data(dialog.errors_model.index(0, 4))
        seen["apply"] = dialog.apply_button.isEnabled()
        dialog.reject()

    answer_when(SyncImportDialog, look)
    page.start_preview([path])
    qtbot.waitUntil(lambda: "errors" in seen, timeout=20000)
    assert seen["errors"] == [("edited-in-excel.xlsx", "groups", 2, "mode", "teleport")]
    assert seen["tab"] == "Errors (1)"
    assert seen["shown_sheet"] == "Groups"
    assert seen["rule"]  # the rule broken, in words
    assert seen["apply"] is False


def test_a_folder_without_workbooks_is_answered_in_a_sentence(
    coordinator, qtbot, tmp_path, monkeypatch
):
    empty = tmp_path / "inbox"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a workbook")
    page = make_page(coordinator, qtbot)
    monkeypatch.setattr(files, "choose_folder", lambda *a, **k: empty)
    shown: list[str] = []
    answer_when(QMessageBox, press("OK", shown))
    page.import_folder_button.click()
    assert shown == [f"There are no Excel workbooks (.xlsx) in {empty}."]
    assert page.import_folder_button.isEnabled() and page.import_progress.isHidden()


def test_a_file_carrying_an_erasure_says_so_before_and_after_it_is_applied(
    context, coordinator, qtbot, tmp_path, monkeypatch
):
    """Aino erased a member on her laptop; Pekka's preview says importing her file erases that
    member from his copy too, and the summary names the backup that still holds her."""
    from datetime import date

    from pierglass_desktop.domain.enums import ConsentScope
    from pierglass_desktop.domain.models import Participant
    from pierglass_desktop.services.erasure import erase_person

    aino = seed_group(context.sessions, meetings=3, held=2)
    with context.sessions.begin() as s:  # she agreed to sharing: her name reached Pekka
        member = s.get(Participant, aino.participant_ids[0])
        member.consent_scope, member.consent_date = ConsentScope.SHARING, date(2026, 9, 1)
    first = tmp_path / "october.xlsx"
    export_sync(context.sessions, first)
    apply_import(coordinator.database, preview_import(coordinator.sessions, [first]))
    erase_person(context.database, aino.participant_ids[0])
    second = tmp_path / "november.xlsx"
    export_sync(context.sessions, second)

    page = make_page(coordinator, qtbot)
    monkeypatch.setattr(files, "choose_open_paths", lambda *a, **k: [second])
    seen: dict[str, object] = {}

    def look_then_apply(dialog: SyncImportDialog) -> None:
        dialog.resize(1366, 768)
        dialog.files_table.selectRow(0)
        seen["note"] = dialog.file_note.text()
        seen["visible"] = dialog.file_note.isVisible()
        dialog.grab().save(str(tmp_path / "erasure-preview.png"))
        dialog.apply_button.click()

    summary: list[str] = []
    answer_when(SyncImportDialog, look_then_apply)
    answer_when(QMessageBox, press("OK", summary), seconds=40)
    page.import_button.click()
    qtbot.waitUntil(lambda: bool(summary), timeout=40000)

    assert seen["visible"] is True, seen
    assert str(seen["note"]).startswith("Importing it erases 1 person held here")
    assert "1 person erased where the files came from was erased here too." in summary[0]
    assert "older backup still holds the person" in summary[0]
    assert "before-sync-import" in summary[0]
