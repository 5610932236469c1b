"""A library pack says who made it: the name is asked for the first time it is needed."""

from __future__ import annotations

from dataclasses import replace

import pytest
from openpyxl import load_workbook

from pierglass_desktop.preferences import load_preferences
from pierglass_desktop.services.builtin_methods import ensure_builtin_library
from pierglass_desktop.ui.pages.library import LibraryPage
from pierglass_desktop.ui.widgets import files


@pytest.fixture
def library(context, qtbot, tmp_path, monkeypatch):
    ensure_builtin_library(context.sessions)
    page = LibraryPage(context)
    qtbot.addWidget(page)
    monkeypatch.setattr(files, "choose_save_path", lambda *a, **k: tmp_path / "paketti.xlsx")
    monkeypatch.setattr(files, "show_saved", lambda *a, **k: None)
    return page


def _workbook_text(path) -> str:
    book = load_workbook(path, read_only=True)
    text = " ".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )
    book.close()
    return text


def test_facilitator_is_asked_her_name_once_and_the_pack_carries_it(
    library, context, qtbot, tmp_path, dialogs
):
    def answer(dialog):
        dialog.setTextValue("  Helena Virtanen ")
        dialog.accept()

    dialogs.answer_next(answer)
    library._on_export()
    qtbot.waitUntil(lambda: (tmp_path / "paketti.xlsx").exists(), timeout=20000)
    context.tasks.wait()
    assert context.preferences.tutor_name == "Helena Virtanen"
    assert load_preferences().tutor_name == "Helena Virtanen"  # saved for next time
    assert "Helena Virtanen" in _workbook_text(tmp_path / "paketti.xlsx")


def test_cancelling_the_name_exports_nothing(library, context, tmp_path, dialogs):
    dialogs.answer_next(lambda dialog: dialog.reject())
    library._on_export()
    context.tasks.wait()
    assert not (tmp_path / "paketti.xlsx").exists()
    assert load_preferences().tutor_name == ""


def test_a_saved_name_is_not_asked_again(library, context, qtbot, tmp_path, monkeypatch):
    from pierglass_desktop.ui.widgets import author

    context.preferences = replace(context.preferences, tutor_name="Helena")
    monkeypatch.setattr(author.QInputDialog, "getText", pytest.fail)
    library._on_export()
    qtbot.waitUntil(lambda: (tmp_path / "paketti.xlsx").exists(), timeout=20000)
    context.tasks.wait()
