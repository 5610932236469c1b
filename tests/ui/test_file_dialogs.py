"""Files chosen and saved from the main window: where a dialog starts, and where the file went."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from pierglass_desktop.services.builtin_methods import ensure_builtin_library
from pierglass_desktop.ui.pages.library import LibraryPage
from pierglass_desktop.ui.widgets import files


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    """What the system viewer was asked to open."""
    seen: list[Path] = []
    monkeypatch.setattr(
        files.QDesktopServices, "openUrl", lambda url: seen.append(Path(url.toLocalFile())) or True
    )
    return seen


@pytest.fixture(autouse=True)
def documents(tmp_path, monkeypatch) -> Path:
    """A home folder of the test's own, with its Documents folder."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    return home / "Documents"


@pytest.fixture
def library(context, qtbot):
    ensure_builtin_library(context.sessions)
    page = LibraryPage(context)
    qtbot.addWidget(page)
    return page


def _save_as(target: Path, started_in: list[str]):
    def handle(dialog):
        assert isinstance(dialog, QFileDialog), dialog
        started_in.append(dialog.directory().absolutePath())
        dialog.selectFile(str(target))
        dialog.accept()

    return handle


def _press(label: str, texts: list[str]):
    def handle(box):
        assert isinstance(box, QMessageBox), box
        texts.append(box.text())
        next(b for b in box.buttons() if b.text().replace("&", "") == label).click()

    return handle


def _first_card_then(next_handler, dialogs):
    """Tick the first method in the card choice, then answer the save dialog that follows."""

    def handle(dialog):
        dialog.methods.item(0).setCheckState(Qt.CheckState.Checked)
        dialogs.answer_next(next_handler)
        dialog.accept()

    return handle


def test_tutor_prints_cards_and_is_shown_where_they_went(
    library, qtbot, tmp_path, dialogs, opened, documents
):
    folder = tmp_path / "tulosteet"
    folder.mkdir()
    started_in: list[str] = []
    told: list[str] = []
    dialogs.answer_next(_first_card_then(_save_as(folder / "kortit.pdf", started_in), dialogs))
    library._on_print_cards()
    assert started_in == [str(documents)]  # the first time: Documents
    dialogs.answer_next(_press("Show in folder", told), tries=1000)
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert opened == [folder]
    assert str(folder / "kortit.pdf") in told[0]
    assert (folder / "kortit.pdf").read_bytes().startswith(b"%PDF")


def test_the_next_print_starts_in_the_folder_used_last_and_open_opens_the_file(
    library, qtbot, tmp_path, dialogs, opened
):
    folder = tmp_path / "tulosteet"
    folder.mkdir()
    started_in: list[str] = []
    dialogs.answer_next(_first_card_then(_save_as(folder / "kortit.pdf", started_in), dialogs))
    library._on_print_cards()
    closed: list[str] = []
    dialogs.answer_next(_press("Close", closed), tries=1000)
    qtbot.waitUntil(lambda: bool(closed), timeout=20000)  # the first save is told and done
    dialogs.answer_next(_first_card_then(_save_as(folder / "toiset.pdf", started_in), dialogs))
    library._on_print_cards()
    dialogs.answer_next(_press("Open", []), tries=1000)
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert started_in[1] == str(folder)
    assert opened == [folder / "toiset.pdf"]


def test_each_kind_of_file_remembers_its_own_folder(tmp_path, documents):
    files.remember_folder(files.PACKS, tmp_path / "paketti.xlsx")
    assert files.last_folder(files.PACKS) == tmp_path
    assert files.last_folder(files.DOCUMENTS) == documents


def test_a_remembered_folder_that_is_gone_falls_back_to_documents(tmp_path, documents):
    files.remember_folder(files.PACKS, tmp_path / "poistettu" / "paketti.xlsx")
    assert files.last_folder(files.PACKS) == documents


def test_cancelling_the_dialog_chooses_nothing(dialogs):
    dialogs.answer_next(lambda dialog: dialog.reject())
    assert files.choose_open_path(None, files.PACKS, "Import") is None


def test_the_file_dialog_speaks_finnish(qapp, finnish, dialogs):
    from pierglass_desktop.ui.qt_i18n import install_qt_translations

    assert install_qt_translations(qapp, "fi")
    seen: list[str] = []

    def handle(dialog):
        box = dialog.findChild(QDialogButtonBox)
        seen.extend(b.text().replace("&", "") for b in box.buttons())
        labels = QFileDialog.DialogLabel
        seen.extend(dialog.labelText(label) for label in (labels.LookIn, labels.FileType))
        dialog.reject()

    dialogs.answer_next(handle)
    files.choose_open_path(None, files.PACKS, "Tuo")
    assert "Avaa" in seen and "Peru" in seen, seen
    assert not {"Look in:", "Files of type:"} & set(seen), seen


def test_coordinator_picks_several_files_then_a_folder_and_each_is_remembered(
    qtbot, tmp_path, dialogs, documents
):
    inbox = tmp_path / "postilaatikko"
    inbox.mkdir()
    first, second = inbox / "aino.xlsx", inbox / "pekka.xlsx"
    for path in (first, second):
        path.write_bytes(b"PK")
    started_in: list[str] = []

    def pick_both(dialog):
        assert isinstance(dialog, QFileDialog), dialog
        started_in.append(dialog.directory().absolutePath())
        dialog.selectFile(f'"{first.name}" "{second.name}"')
        dialog.setDirectory(str(inbox))
        dialog.accept()

    dialogs.answer_next(pick_both)
    chosen = files.choose_open_paths(None, files.IMPORTS, "Files", files.xlsx_filter())
    assert started_in == [str(documents)]
    assert sorted(chosen) == [first, second]
    assert files.last_folder(files.IMPORTS) == inbox

    def pick_folder(dialog):
        dialog.setDirectory(str(tmp_path))
        dialog.selectFile(str(inbox))
        dialog.accept()

    dialogs.answer_next(pick_folder)
    assert files.choose_folder(None, files.IMPORTS, "Folder") == inbox
    assert files.last_folder(files.IMPORTS) == inbox  # the folder itself, not its parent
