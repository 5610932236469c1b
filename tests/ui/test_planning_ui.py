"""The Sessions and Library pages, driven like a tutor would: Aino prepares meeting 7."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from pierglass_desktop.domain.enums import MeetingStatus
from pierglass_desktop.services.agenda import load_agenda
from pierglass_desktop.services.builtin_methods import (
    builtin_method_id,
    builtin_template_id,
    ensure_builtin_library,
)
from pierglass_desktop.services.library_search import search_methods
from pierglass_desktop.services.series import add_meeting
from pierglass_desktop.ui.pages.library import LibraryPage
from pierglass_desktop.ui.pages.sessions import SessionsPage
from pierglass_desktop.ui.planning.agenda_model import AgendaTableModel, drop_position
from pierglass_desktop.ui.planning.method_editor import MethodEditor
from pierglass_desktop.ui.planning.series_dialog import SeriesDialog, parse_dates
from planning_helpers import make_group

SHOTS = os.environ.get("PIERGLASS_SCREENSHOTS")


def _shot(widget, name):
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, f"{name}.png"))


def _times(model) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _titles(model) -> list[str]:
    return [model.index(r, 1).data() for r in range(model.rowCount())]


@pytest.fixture
def page_with_meeting(context, qtbot):
    ensure_builtin_library(context.sessions)
    group = make_group(context.sessions)
    meeting = add_meeting(
        context.sessions, group, datetime(2030, 12, 5, 17, 0), 120, theme="Työhyvinvointi"
    )
    page = SessionsPage(context)
    qtbot.addWidget(page)
    page.resize(1400, 860)
    page.select_meeting(meeting.id)
    return page, meeting


def errors_shown(monkeypatch) -> list[str]:
    """The sentences the page's error boxes would show, collected instead of shown."""
    said: list[str] = []
    monkeypatch.setattr(
        "pierglass_desktop.ui.widgets.messages.show_error",
        lambda parent, title, error: said.append(str(error)),
    )
    return said


def test_tutor_builds_agenda_reorders_by_keyboard_and_drag_and_sees_times_follow(
    page_with_meeting, qtbot
):
    page, meeting = page_with_meeting
    builder = page.builder
    for key in ("check-in-round", "peer-consultation", "coffee-break"):
        assert builder.add_method(builtin_method_id(key))
    model = builder.model
    assert _titles(model) == ["Check-in round", "Peer consultation", "Coffee break"]
    assert _times(model) == ["17:00–17:20", "17:20–18:05", "18:05–18:20"]
    # A title cut short in a narrow window is whole in its tooltip, with the purpose.
    tip = model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole).splitlines()
    assert tip[0] == "Peer consultation" and len(tip) > 1

    builder.table.setFocus()
    assert builder.current_item().title == "Coffee break"  # the new item is selected
    qtbot.keyClick(builder.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _titles(model) == ["Check-in round", "Coffee break", "Peer consultation"]
    assert _times(model) == ["17:00–17:20", "17:20–17:35", "17:35–18:20"]
    assert builder.current_item().title == "Coffee break"  # the moved item stays selected

    # Drag the check-in round below the consultation (dropped between rows, at the end).
    data = model.mimeData([model.index(0, 1)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert _titles(model) == ["Coffee break", "Peer consultation", "Check-in round"]
    assert _times(model)[0] == "17:00–17:15"

    # Lengthen the consultation in the table: the over-run shows before the meeting.
    assert model.setData(model.index(1, 2), 90)
    assert "runs 5 minutes over" in builder.timing.text()
    assert model.index(2, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert [i.title for i in load_agenda(page.sessions, meeting.id).items] == _titles(model)
    assert "Timer" in [builder.checklist.item(r).text() for r in range(builder.checklist.count())]
    _shot(page, "sessions_agenda")


def test_tutor_edits_an_item_and_a_bad_value_is_shown_next_to_the_field(page_with_meeting):
    page, _meeting = page_with_meeting
    builder = page.builder
    builder.add_method(builtin_method_id("fishbowl"))
    editor = builder.editor
    editor.title.setText("Kalamalja <b>&</b> kahvi")
    editor.minutes.setValue(35)
    editor.save.click()
    assert _titles(builder.model) == ["Kalamalja <b>&</b> kahvi"]
    assert builder.model.index(0, 2).data() == "35"
    editor.title.setText("   ")
    editor.save.click()
    assert editor.errors.text("title") == "Give the item a title."
    assert _titles(builder.model) == ["Kalamalja <b>&</b> kahvi"]


def test_tutor_applies_a_template_and_prints_the_agenda(page_with_meeting, qtbot, tmp_path):
    page, _meeting = page_with_meeting
    builder = page.builder
    assert builder.apply_template(builtin_template_id("theme-meeting"))
    assert builder.model.rowCount() == 7
    assert "runs 60 minutes over" in builder.timing.text()  # 180 min agenda, 120 min session
    printed = []
    builder.print_to("agenda", tmp_path / "agenda.pdf", printed.append)
    qtbot.waitUntil(lambda: bool(printed), timeout=20000)
    text = PdfReader(printed[0]).pages[0].extract_text()
    assert "Check-in round" in text and "17:00–17:20" in text


def test_tutor_generates_a_series_and_sees_it_in_list_and_calendar(context, qtbot):
    ensure_builtin_library(context.sessions)
    group = make_group(context.sessions)
    page = SessionsPage(context)
    qtbot.addWidget(page)
    dialog = SeriesDialog(context.sessions, group, page, today=date(2030, 1, 1))
    qtbot.addWidget(dialog)
    dialog.until.setDate(QDate(2030, 6, 30))
    dialog.themes.setPlainText("Aloitus\nSote-uudistus ja palvelusetelit\nDigitaalinen työ")
    dialog.skips.setPlainText("31.1.2030")
    dialog.template.setCurrentIndex(dialog.template.findData(builtin_template_id("theme-meeting")))
    assert "This makes 6 sessions" in dialog.findChild(type(dialog.preview), "preview").text()
    dialog._on_generate()
    assert dialog.result() == QDialog.DialogCode.Accepted
    page._changed(dialog.created[0].id)
    model = page.model
    assert model.rowCount() == 6
    assert [model.index(r, 3).data() for r in range(3)] == [
        "Aloitus",
        "Sote-uudistus ja palvelusetelit",
        "Digitaalinen työ",
    ]
    assert page.builder.model.rowCount() == 7  # the template became the agenda
    first = model.row_at(0)
    day = QDate(first.starts_at.year, first.starts_at.month, first.starts_at.day)
    assert page.calendar.dateTextFormat(day).fontWeight() > 400
    page.cancel(model.row_at(1).id)
    assert model.row_at(1).status is MeetingStatus.CANCELLED and model.index(1, 0).data() == "–"
    page.move(model.row_at(0).id, datetime(2030, 1, 4, 9, 0))
    assert model.index(0, 2).data() == "09:00"
    _shot(page, "sessions_series")


def test_series_dialog_shows_a_bad_skip_date_next_to_the_field(context, qtbot):
    group = make_group(context.sessions)
    dialog = SeriesDialog(context.sessions, group, today=date(2030, 1, 1))
    qtbot.addWidget(dialog)
    dialog.skips.setPlainText("joulu")
    dialog._on_generate()
    assert "“joulu” is not a date" in dialog.errors.text("skip_dates")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert parse_dates("24.12.2030\n2030-12-31\n\nx") == (
        (date(2030, 12, 24), date(2030, 12, 31)),
        ["x"],
    )


def test_library_search_as_you_type_in_finnish_and_copy_a_builtin(
    context, qtbot, finnish, monkeypatch
):
    page = LibraryPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    qtbot.keyClicks(page.search, "konsult")
    names = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert names == ["Kollegiaalinen konsultaatio"]
    assert "Kollegiaalinen konsultaatio" in page.card.toPlainText()
    assert not page.buttons["edit"].isEnabled()  # built-in: copy, do not change
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page._on_edit()  # offers a copy, and makes it
    copies = [r for r in search_methods(context.sessions, "kopio")]
    assert [c.name for c in copies] == ["Kollegiaalinen konsultaatio (kopio)"]
    assert page.selected_id() == copies[0].id and page.buttons["edit"].isEnabled()
    page.search.clear()
    _shot(page, "library_fi")


def test_method_editor_keeps_bad_input_and_says_why_next_to_the_field(context, qtbot):
    editor = MethodEditor(context.sessions)
    qtbot.addWidget(editor)
    editor.group_min.setValue(9)
    editor.group_max.setValue(3)
    editor._on_save()
    assert editor.errors.text("name") == "Give the method a name."
    assert "larger than the largest" in editor.errors.text("group_size")
    assert editor.result() != QDialog.DialogCode.Accepted
    editor.fields[("name", "en")].setText("Walk and talk")
    editor.tags.setText("outdoors, pairs")
    editor.group_max.setValue(12)
    editor._on_save()
    assert editor.saved.name == "Walk and talk" and editor.saved.tags == ("outdoors", "pairs")


def test_models_pass_the_model_tester(page_with_meeting, qtmodeltester, context, qtbot):
    page, _meeting = page_with_meeting
    page.builder.apply_template(builtin_template_id("kick-off-meeting"))
    qtmodeltester.check(page.builder.model)
    qtmodeltester.check(page.model)
    library = LibraryPage(context)
    qtbot.addWidget(library)
    qtmodeltester.check(library.model)
    qtmodeltester.check(AgendaTableModel(lambda *a: None, lambda *a: None))


def test_drop_position_between_onto_and_below():
    assert drop_position(0, 3, -1, 3) == 2  # first item dropped below the last
    assert drop_position(2, 0, -1, 3) == 0  # last dropped above the first
    assert drop_position(0, -1, 2, 3) == 2  # dropped onto the third row takes its place
    assert drop_position(1, -1, -1, 3) == 2  # dropped on empty space: to the end


def test_files_attach_to_items_sessions_and_own_methods_and_too_big_is_refused(
    page_with_meeting, context, qtbot, tmp_path, monkeypatch
):
    page, _meeting = page_with_meeting
    sheet = tmp_path / "työpohja.pdf"
    sheet.write_bytes(b"%PDF-1.4 worksheet")
    assert page.builder.attach(sheet)  # no item selected: to the session
    page.builder.add_method(builtin_method_id("own-swot"))
    assert page.builder.attach(sheet)  # to the selected item
    files = [page.builder.files.item(r).text() for r in range(page.builder.files.count())]
    assert files == ["Session: työpohja.pdf", "SWOT of one's own business: työpohja.pdf"]

    library = LibraryPage(context)
    qtbot.addWidget(library)
    library.duplicate(builtin_method_id("own-swot"))
    assert library.attach(sheet)
    assert "työpohja.pdf" in library.card.toPlainText()
    monkeypatch.setattr("pierglass_desktop.services.materials.MAX_ATTACHMENT_BYTES", 4)
    shown = errors_shown(monkeypatch)
    assert not library.attach(sheet)
    assert "at most" in shown[0]


def test_journey_aino_prepares_meeting_seven(context, qtbot, tmp_path):
    """JOURNEYS §1: template, swap the expert talk, coffee earlier, over-run said, print."""
    ensure_builtin_library(context.sessions)
    group = make_group(context.sessions)
    meeting = add_meeting(context.sessions, group, datetime(2030, 3, 7, 17, 0), 170, theme="Digi")
    page = SessionsPage(context)
    qtbot.addWidget(page)
    page.select_meeting(meeting.id)
    builder = page.builder
    builder.apply_template(builtin_template_id("theme-meeting"))
    expert = _titles(builder.model).index("Expert talk with questions")
    builder.table.selectRow(expert)
    builder.buttons["remove"].click()
    builder.table.selectRow(expert - 1)
    assert builder.add_method(builtin_method_id("peer-consultation"))  # after the selected row
    assert _titles(builder.model)[expert] == "Peer consultation"
    coffee = _titles(builder.model).index("Coffee break")
    data = builder.model.mimeData([builder.model.index(coffee, 1)])
    builder.model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert _titles(builder.model)[1] == "Coffee break"
    assert _times(builder.model)[1] == "17:20–17:35"
    assert "runs 10 minutes over" in builder.timing.text()  # said before she prints
    printed = []
    builder.print_to("script", tmp_path / "script.pdf", printed.append)
    qtbot.waitUntil(lambda: bool(printed), timeout=20000)
    text = "\n".join(p.extract_text() for p in PdfReader(printed[0]).pages)
    assert "The agenda runs 10 minutes over the planned end." in text
    assert "☐ Timer" in text and "☐ Coffee, tea and a snack" in text


def test_tutor_removes_an_item_by_mistake_and_undo_puts_it_back_in_place(page_with_meeting, qtbot):
    page, meeting = page_with_meeting
    builder = page.builder
    builder.apply_template(builtin_template_id("theme-meeting"))
    before = _titles(builder.model)
    builder.table.selectRow(2)
    builder.buttons["remove"].click()
    assert _titles(builder.model) == before[:2] + before[3:]
    assert builder.undo_bar.isVisibleTo(builder)
    assert before[2] in builder.undo_label.toolTip()
    builder.undo_button.click()
    assert _titles(builder.model) == before
    assert [t.item.title for t in load_agenda(page.sessions, meeting.id).timeline.items] == before
    assert builder.current_item().title == before[2]
    assert not builder.undo_bar.isVisibleTo(builder)


def _add_from_library(builder, dialogs, name: str) -> None:
    def pick(dialog):
        dialog.search.setText(name)
        dialog.accept()

    dialogs.answer_next(pick)
    builder.buttons["add_method"].click()


def test_tutor_adds_from_library_after_the_selected_item(page_with_meeting, qtbot, dialogs):
    page, _meeting = page_with_meeting
    builder = page.builder
    builder.apply_template(builtin_template_id("theme-meeting"))
    builder.table.selectRow(0)
    _add_from_library(builder, dialogs, "Peer consultation")
    assert _titles(builder.model)[1] == "Peer consultation"
    assert builder.current_item().title == "Peer consultation"


def test_tutor_swaps_an_item_and_the_new_one_takes_its_place(page_with_meeting, qtbot, dialogs):
    """Remove, then Add from library: the new item goes where the old one was, not last."""
    page, _meeting = page_with_meeting
    builder = page.builder
    builder.apply_template(builtin_template_id("theme-meeting"))
    before = _titles(builder.model)
    builder.table.selectRow(2)
    builder.buttons["remove"].click()
    _add_from_library(builder, dialogs, "Peer consultation")
    assert _titles(builder.model) == [*before[:2], "Peer consultation", *before[3:]]


def test_tutor_opens_a_file_attached_to_an_agenda_item(
    page_with_meeting, qtbot, tmp_path, monkeypatch
):
    from pierglass_desktop.ui.widgets import files

    page, _meeting = page_with_meeting
    builder = page.builder
    builder.apply_template(builtin_template_id("theme-meeting"))
    builder.table.selectRow(1)
    sheet = tmp_path / "työpohja.pdf"
    sheet.write_bytes(b"%PDF-1.4 worksheet")
    assert builder.attach(sheet)
    opened = []
    monkeypatch.setattr(files.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    entry = builder.files.item(builder.files.count() - 1)
    builder.files.itemActivated.emit(entry)
    copy = opened[0].toLocalFile()
    assert copy.endswith("työpohja.pdf") and copy != str(sheet)
    assert Path(copy).read_bytes() == b"%PDF-1.4 worksheet"
    assert os.stat(copy).st_mode & 0o777 == 0o600


def test_facilitator_opens_a_worksheet_from_the_method_card(context, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QUrl

    from pierglass_desktop.services.methods import MethodInput, add_method
    from pierglass_desktop.ui.widgets import files

    ensure_builtin_library(context.sessions)
    method = add_method(context.sessions, MethodInput(name={"fi": "Asiakaspolku"}))
    library = LibraryPage(context)
    qtbot.addWidget(library)
    library.select(method.id)
    sheet = tmp_path / "polku.pdf"
    sheet.write_bytes(b"%PDF-1.4 polku")
    assert library.attach(sheet)
    assert "material:" in library.card.toHtml()
    opened = []
    monkeypatch.setattr(files.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    material_id = library._files_of_selected()[0].material_id
    library.card.anchorClicked.emit(QUrl(f"material:{material_id}"))
    assert Path(opened[0].toLocalFile()).read_bytes() == b"%PDF-1.4 polku"


def test_tutor_prints_the_agenda_from_more_and_is_told_where_it_went(
    page_with_meeting, qtbot, tmp_path, monkeypatch
):
    from pierglass_desktop.ui.widgets import files

    page, _meeting = page_with_meeting
    builder = page.builder
    builder.apply_template(builtin_template_id("theme-meeting"))
    told = []
    monkeypatch.setattr(files, "choose_save_path", lambda *a, **k: tmp_path / "ohjelma.pdf")
    monkeypatch.setattr(files, "show_saved", lambda _parent, _title, path: told.append(path))
    builder.more_actions["print_agenda"].trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    assert told == [tmp_path / "ohjelma.pdf"]
    assert PdfReader(told[0]).pages


def _a_colleague_edits_the_new_item(page, monkeypatch, method: str, title: str, minutes: int):
    """Aino adds ``method`` to the agenda; a colleague then saves it under ``title`` and
    ``minutes`` from another window. The error sentences shown from then on."""
    from pierglass_desktop.services.agenda import AgendaItemInput, edit_agenda_item

    page.builder.add_method(builtin_method_id(method))
    item = page.builder.current_item()
    said = errors_shown(monkeypatch)
    edit_agenda_item(page.sessions, item.id, AgendaItemInput(title, minutes))
    return said


def test_a_colleagues_change_to_the_item_is_not_overwritten_and_the_typed_text_stays(
    page_with_meeting, monkeypatch
):
    """A shared database: a colleague renames the item while Aino types in the editor."""
    page, meeting = page_with_meeting
    builder = page.builder
    said = _a_colleague_edits_the_new_item(
        page, monkeypatch, "fishbowl", "Kalamalja: Jussin kauppa", 40
    )
    builder.editor.title.setText("Kalamalja ja kahvi")
    builder.editor.purpose.setPlainText("Aino kirjoitti tämän")
    builder.editor.save.click()
    assert said and "Someone else changed or removed this record" in said[0]
    # What Aino typed stays in the editor; the table shows the colleague's item.
    assert builder.editor.title.text() == "Kalamalja ja kahvi"
    assert builder.editor.purpose.toPlainText() == "Aino kirjoitti tämän"
    assert _titles(builder.model) == ["Kalamalja: Jussin kauppa"]
    assert builder.model.index(0, 2).data() == "40"
    saved = load_agenda(page.sessions, meeting.id).items[0]
    assert (saved.title, saved.duration_minutes) == ("Kalamalja: Jussin kauppa", 40)
    # Saving again from the same stale editor is refused again.
    builder.editor.save.click()
    assert len(said) == 2
    assert load_agenda(page.sessions, meeting.id).items[0] == saved


def test_a_duration_typed_in_a_stale_table_is_refused_and_the_table_shows_theirs(
    page_with_meeting, monkeypatch
):
    page, meeting = page_with_meeting
    builder = page.builder
    said = _a_colleague_edits_the_new_item(
        page, monkeypatch, "peer-consultation", "Vertaiskonsultaatio", 50
    )
    assert builder.model.setData(builder.model.index(0, 2), 90)
    assert said and "Someone else changed" in said[0]
    assert _titles(builder.model) == ["Vertaiskonsultaatio"]
    assert builder.model.index(0, 2).data() == "50"
    assert load_agenda(page.sessions, meeting.id).items[0].duration_minutes == 50
    # The refreshed table's stamp is the fresh one: the same edit now goes through.
    assert builder.model.setData(builder.model.index(0, 2), 90)
    assert load_agenda(page.sessions, meeting.id).items[0].duration_minutes == 90
    assert len(said) == 1


def test_a_session_a_colleague_moved_is_not_moved_back_and_the_typed_time_is_offered_again(
    page_with_meeting, monkeypatch, qtbot
):
    from PySide6.QtCore import QDateTime, QTime, QTimer
    from PySide6.QtWidgets import QApplication

    from pierglass_desktop.services.series import list_meetings, move_meeting

    page, meeting = page_with_meeting
    said = errors_shown(monkeypatch)
    move_meeting(page.sessions, meeting.id, datetime(2030, 12, 12, 17, 0))  # a colleague
    typed = QDateTime(QDate(2030, 12, 6), QTime(9, 30))
    reopened: list = []

    def first(dialog):
        dialog.when.setDateTime(typed)
        QTimer.singleShot(0, lambda: second_when_open())
        dialog.accept()

    def second_when_open():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, second_when_open)
            return
        reopened.append(dialog.when.dateTime())
        dialog.reject()

    def open_first():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, open_first)
            return
        first(dialog)

    QTimer.singleShot(0, open_first)
    page._on_move()
    assert said and "Someone else changed or removed this record" in said[0]
    assert reopened == [typed]  # the dialog came back with what was typed
    (row,) = list_meetings(page.sessions, meeting.group_id)
    assert row.starts_at == datetime(2030, 12, 12, 17, 0)  # the colleague's move stands
    assert page.model.row_at(0).starts_at == row.starts_at  # and the list shows it
