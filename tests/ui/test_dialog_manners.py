"""Dialogs keep what was typed: Escape asks first, errors sit still and go when fixed."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from pierglass_desktop.services.builtin_methods import builtin_template_id, ensure_builtin_library
from pierglass_desktop.services.series import add_meeting
from pierglass_desktop.ui.dialogs.group_dialog import GroupDialog
from pierglass_desktop.ui.pages.sessions import SessionsPage
from pierglass_desktop.ui.planning.method_editor import MethodEditor
from pierglass_desktop.ui.planning.small_dialogs import WhenDialog
from pierglass_desktop.ui.widgets import discard
from planning_helpers import make_group


def _shown(dialog, qtbot):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _press(label: str, seen: list[str]):
    def handle(box):
        assert isinstance(box, QMessageBox), box
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == label).click()

    return handle


def test_escape_on_a_half_filled_group_asks_and_keep_editing_keeps_it(context, qtbot, dialogs):
    dialog = _shown(GroupDialog(context.sessions), qtbot)
    qtbot.keyClicks(dialog.name, "Kotihoito Pori")
    asked: list[str] = []
    dialogs.answer_next(_press("Keep editing", asked))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()
    assert dialog.name.text() == "Kotihoito Pori"
    dialogs.answer_next(_press("Discard changes", asked))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(asked) == 2 and not dialog.isVisible()


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """Record the question instead of showing it; the answer is "Keep editing"."""
    seen: list[str] = []
    monkeypatch.setattr(discard, "ask_to_discard", lambda parent: seen.append("asked") or False)
    return seen


def test_escape_on_an_untouched_dialog_closes_without_asking(context, qtbot, asked):
    dialog = _shown(GroupDialog(context.sessions), qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not asked and not dialog.isVisible()


def test_cancel_is_a_deliberate_choice_and_closes_at_once(context, qtbot, asked):
    dialog = _shown(GroupDialog(context.sessions), qtbot)
    qtbot.keyClicks(dialog.name, "Pori")
    dialog._buttons.button(dialog._buttons.StandardButton.Cancel).click()
    assert not asked and not dialog.isVisible()


def test_planning_dialogs_ask_too(context, qtbot, asked):
    ensure_builtin_library(context.sessions)
    when = _shown(WhenDialog("New session", datetime(2030, 5, 6, 17), new=True), qtbot)
    qtbot.keyClicks(when.theme, "Hinnoittelu")
    qtbot.keyClick(when, Qt.Key.Key_Escape)
    method = _shown(MethodEditor(context.sessions), qtbot)
    method.duration.setValue(45)
    qtbot.keyClick(method, Qt.Key.Key_Escape)
    assert asked == ["asked", "asked"]
    assert when.isVisible() and method.isVisible()


def test_a_field_error_goes_as_soon_as_the_field_is_fixed_and_nothing_moves(context, qtbot):
    dialog = _shown(GroupDialog(context.sessions), qtbot)
    dialog.ok_button().click()
    assert "name" in dialog.error_text("name").lower()
    below = dialog.location.mapTo(dialog, dialog.location.rect().topLeft()).y()
    qtbot.keyClicks(dialog.name, "P")
    assert dialog.error_text("name") == ""
    qtbot.wait(10)
    assert dialog.location.mapTo(dialog, dialog.location.rect().topLeft()).y() == below


def test_agenda_item_error_clears_when_the_title_is_typed(context, qtbot):
    ensure_builtin_library(context.sessions)
    group = make_group(context.sessions)
    meeting = add_meeting(context.sessions, group, datetime(2030, 12, 5, 17), 120)
    page = SessionsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.select_meeting(meeting.id)
    builder = page.builder
    builder.apply_template(builtin_template_id("theme-meeting"))
    builder.table.selectRow(1)
    editor = builder.editor
    editor.title.clear()
    editor.save.click()
    assert editor.errors.text("title")
    below = editor.minutes.mapTo(editor, editor.minutes.rect().topLeft()).y()
    qtbot.keyClicks(editor.title, "Kuulumiset")
    assert editor.errors.text("title") == ""
    qtbot.wait(10)
    assert editor.minutes.mapTo(editor, editor.minutes.rect().topLeft()).y() == below
