"""The window's Print menu prints a chosen session's sign-in sheet; the card choice dialog picks
methods, a template and cards per page."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMenu, QMessageBox

from meeting_fixtures import seed_group
from pierglass_desktop.reports.printables import PRINTABLES
from pierglass_desktop.services.builtin_methods import ensure_builtin_library
from pierglass_desktop.services.templates import list_templates
from pierglass_desktop.ui.dialogs.card_choice import CardChoiceDialog
from pierglass_desktop.ui.main_window import MainWindow


def _window(context, qtbot) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


def _print_menu(window) -> QMenu:
    return window.menuBar().findChild(QMenu, "print_menu")


def _print_action(window, name: str):
    return next(a for a in _print_menu(window).actions() if a.objectName() == f"print_{name}")


@pytest.fixture
def told() -> list:
    """The files the program said it saved."""
    return []


@pytest.fixture
def save_to(monkeypatch, tmp_path, told):
    """Every save goes to one file; the "saved as" message is recorded instead of shown."""
    from pierglass_desktop.ui.widgets import files

    target = tmp_path / "printed.pdf"
    monkeypatch.setattr(files, "choose_save_path", lambda *a, **k: target)
    monkeypatch.setattr(files, "show_saved", lambda _parent, _title, path: told.append(path))
    return target


def test_tutor_prints_the_sign_in_sheet_of_the_session_chosen_on_the_sessions_page(
    context, qtbot, save_to, told
):
    seeded = seed_group(context.sessions, meetings=2)
    window = _window(context, qtbot)
    menu_texts = [a.text() for a in _print_menu(window).actions()]
    assert "Sign-in sheet…" in menu_texts and len(menu_texts) == len(PRINTABLES)
    page = window.show_page("sessions")
    page.select_meeting(seeded.meeting_ids[1])
    _print_action(window, "signin").trigger()
    qtbot.waitUntil(save_to.exists, timeout=15000)
    text = PdfReader(save_to).pages[0].extract_text()
    assert "Sign-in sheet" in text and "Session 2" in text
    qtbot.waitUntil(lambda: told == [save_to])  # and the tutor is told where it went


def test_with_no_session_chosen_the_tutor_picks_one_from_a_list_next_first(
    context, qtbot, save_to, monkeypatch
):
    from datetime import datetime, timedelta

    from PySide6.QtWidgets import QInputDialog

    soon = (datetime.now() + timedelta(days=3)).replace(hour=17, minute=0, second=0, microsecond=0)
    seeded = seed_group(context.sessions, meetings=2, first=soon - timedelta(weeks=4))
    offered: list[list[str]] = []

    def pick(_parent, _title, _label, labels, current, _editable):
        offered.append(labels)
        return labels[current], True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    window = _window(context, qtbot)
    window.show_page("library")
    _print_action(window, "agenda").trigger()
    assert "session 2" in offered[0][0] and "session 1" in offered[0][1]  # the next one first
    qtbot.waitUntil(save_to.exists, timeout=15000)
    assert "Session 2" in PdfReader(save_to).pages[0].extract_text()
    assert seeded.meeting_ids


def test_printing_a_session_document_with_no_sessions_at_all_says_so(
    context, qtbot, save_to, monkeypatch
):
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    window = _window(context, qtbot)
    _print_action(window, "signin").trigger()
    assert told and "no sessions yet" in told[0]
    assert not save_to.exists()


def test_card_choice_searches_ticks_and_picks_a_template_and_four_a_page(context, qtbot):
    ensure_builtin_library(context.sessions)
    dialog = CardChoiceDialog(context.sessions)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing chosen yet
    items = [dialog.methods.item(i) for i in range(dialog.methods.count())]
    first = items[0].text()
    dialog.search.setText(first)
    assert not items[0].isHidden() and any(item.isHidden() for item in items)
    items[0].setCheckState(Qt.CheckState.Checked)
    assert ok.isEnabled()
    template = list_templates(context.sessions)[0]
    dialog.template.setCurrentIndex(dialog.template.findData(template.id))
    dialog.per_page.setCurrentIndex(dialog.per_page.findData(4))
    request = dialog.request()
    assert request.method_ids == (items[0].data(Qt.ItemDataRole.UserRole),)
    assert request.template_id == template.id and request.per_page == 4


def test_library_print_cards_prints_only_the_chosen_methods(context, qtbot, save_to, dialogs):
    window = _window(context, qtbot)
    page = window.show_page("library")

    def choose(dialog):
        for i in range(2):
            dialog.methods.item(i).setCheckState(Qt.CheckState.Checked)
        dialog.per_page.setCurrentIndex(dialog.per_page.findData(2))
        dialog.accept()

    dialogs.answer_next(choose)
    page._on_print_cards()
    qtbot.waitUntil(save_to.exists, timeout=15000)
    assert len(PdfReader(save_to).pages) == 1  # two cards on one page, not the whole library
