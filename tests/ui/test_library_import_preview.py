"""Journey 4 in the window: a tutor sees what a library pack brings before anything is written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pierglass_desktop.domain.enums import MethodCategory
from pierglass_desktop.domain.models import ImportRecord, Method
from pierglass_desktop.exchange.library_pack import export_library
from pierglass_desktop.services.builtin_methods import ensure_builtin_library
from pierglass_desktop.services.methods import MethodInput, add_method
from pierglass_desktop.storage.database import open_database
from pierglass_desktop.ui.pages.library import LibraryPage
from pierglass_desktop.ui.widgets import files


@pytest.fixture
def helenas_pack(tmp_path):
    with open_database(tmp_path / "helena.sqlite3") as helena:
        ensure_builtin_library(helena.sessions)
        for name in ("Palvelusetelin hinnoittelu", "Asiakaspolku"):
            add_method(
                helena.sessions,
                MethodInput(
                    name={"fi": name, "en": name},
                    category=MethodCategory.DEVELOPMENT,
                    duration_minutes=30,
                ),
            )
        return export_library(
            helena.sessions, tmp_path / "helena.xlsx", source="Helena", origin="helena"
        )


def _counts(sessions) -> tuple[int, int]:
    with sessions() as s:
        return (
            s.scalar(select(func.count()).select_from(Method)),
            s.scalar(select(func.count()).select_from(ImportRecord)),
        )


def _answer_boxes(dialogs, labels: list[str], seen: list[tuple[str, str]]) -> None:
    """Answer the next message boxes in turn, pressing ``labels`` in order; record their texts."""

    def handle(box) -> None:
        seen.append((box.text(), box.informativeText()))
        label = labels.pop(0)
        if labels:
            dialogs.answer_next(handle)
        next(b for b in box.buttons() if b.text().replace("&", "") == label).click()

    dialogs.answer_next(handle)


def _choose_pack(monkeypatch, pack) -> None:
    monkeypatch.setattr(files, "choose_open_path", lambda *a, **k: pack)


def test_the_preview_says_what_comes_and_cancel_writes_nothing(
    context, qtbot, monkeypatch, helenas_pack, dialogs
):
    ensure_builtin_library(context.sessions)
    page = LibraryPage(context)
    qtbot.addWidget(page)
    before = _counts(context.sessions)
    _choose_pack(monkeypatch, helenas_pack)
    seen: list[tuple[str, str]] = []
    _answer_boxes(dialogs, ["Cancel"], seen)
    page._on_import()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)

    text = seen[0][0]
    assert text.startswith("From Helena, saved ")
    assert "Methods: 2 new, 0 updated, 0 already up to date." in text.splitlines()
    assert text.endswith("A backup of your database is made before anything is written.")
    context.tasks.wait()
    assert _counts(context.sessions) == before  # nothing written, no import recorded


def test_saying_import_merges_the_pack_and_a_second_time_there_is_nothing_new(
    context, qtbot, monkeypatch, helenas_pack, dialogs
):
    ensure_builtin_library(context.sessions)
    page = LibraryPage(context)
    qtbot.addWidget(page)
    methods, imports = _counts(context.sessions)
    _choose_pack(monkeypatch, helenas_pack)
    seen: list[tuple[str, str]] = []
    _answer_boxes(dialogs, ["Import", "OK"], seen)
    page._on_import()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10_000)
    assert seen[1][0] == "Imported from Helena: 2 new and 0 updated records."
    assert _counts(context.sessions) == (methods + 2, imports + 1)

    _answer_boxes(dialogs, ["OK"], seen)
    page._on_import()
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=10_000)
    assert seen[2][0] == "Nothing new: your library already has everything in this pack."
    assert _counts(context.sessions) == (methods + 2, imports + 1)
