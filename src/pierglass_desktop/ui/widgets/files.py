"""Choosing files to open or save, remembering the folder, and saying where a saved file went.

Every file dialog in the main window goes through here so that they all behave alike: each
kind of file (PDFs, packs, attachments, databases) starts in the folder last used for that
kind, the user's Documents the first time. Qt's own (non-native) dialog is used everywhere,
because it speaks the program's language and behaves the same on every platform.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from PySide6 import QtCore  # Qt's namespace: as QtCore.Qt in functions (see ui/__init__)
from PySide6.QtCore import QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from pierglass_desktop.i18n import _

FOLDER_KEY = "files/last_folder/{kind}"
# Kinds of file, each remembering its own folder.
DOCUMENTS = "documents"
PACKS = "packs"
ATTACHMENTS = "attachments"
DATABASES = "databases"
EXPORTS = "exports"
IMPORTS = "imports"


def pdf_filter() -> str:
    return _("PDF files (*.pdf)")


def xlsx_filter() -> str:
    return _("Excel workbooks (*.xlsx)")


def database_filter() -> str:
    return _("Pier-glass database (*.sqlite3)")


def documents_folder() -> Path:
    location = QStandardPaths.StandardLocation.DocumentsLocation
    found = QStandardPaths.writableLocation(location)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def last_folder(kind: str) -> Path:
    """The folder last used for this kind of file, or Documents when none (or it is gone)."""
    saved = QSettings().value(FOLDER_KEY.format(kind=kind), "")
    if saved and Path(str(saved)).is_dir():
        return Path(str(saved))
    return documents_folder()


def remember_folder(kind: str, path: Path) -> None:
    QSettings().setValue(FOLDER_KEY.format(kind=kind), str(Path(path).parent))


def _dialog(parent: QWidget | None, kind: str, title: str, name_filter: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(last_folder(kind)))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    _label(dialog)
    if name_filter:
        dialog.setNameFilter(name_filter)
    return dialog


def _label(dialog: QFileDialog) -> None:
    """Qt's Finnish catalogue leaves "Look in:" and "Files of type:" in English: say them here."""
    labels = QFileDialog.DialogLabel
    dialog.setLabelText(labels.LookIn, _("Look in:"))
    dialog.setLabelText(labels.FileName, _("File name:"))
    dialog.setLabelText(labels.FileType, _("Files of type:"))


def _run(dialog: QFileDialog, kind: str) -> Path | None:
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    remember_folder(kind, path)
    return path


def choose_open_path(
    parent: QWidget | None, kind: str, title: str, name_filter: str = ""
) -> Path | None:
    """Ask for an existing file to read; None when the user cancels."""
    dialog = _dialog(parent, kind, title, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _run(dialog, kind)


def choose_open_paths(
    parent: QWidget | None, kind: str, title: str, name_filter: str = ""
) -> list[Path]:
    """Ask for one or more existing files to read; an empty list when the user cancels."""
    dialog = _dialog(parent, kind, title, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    if not dialog.exec() or not dialog.selectedFiles():
        return []
    paths = [Path(name) for name in dialog.selectedFiles()]
    remember_folder(kind, paths[0])
    return paths


def choose_folder(parent: QWidget | None, kind: str, title: str) -> Path | None:
    """Ask for a folder; None when the user cancels. The folder itself is remembered."""
    dialog = _dialog(parent, kind, title, "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    folder = Path(dialog.selectedFiles()[0])
    remember_folder(kind, folder / "any")  # remember_folder keeps a file's folder
    return folder


def choose_save_path(
    parent: QWidget | None, kind: str, title: str, suggested_name: str, name_filter: str = ""
) -> Path | None:
    """Ask where to write a file; the suffix of ``suggested_name`` is added when left out."""
    dialog = _dialog(parent, kind, title, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.selectFile(suggested_name)
    suffix = Path(suggested_name).suffix.lstrip(".")
    if suffix:
        dialog.setDefaultSuffix(suffix)
    return _run(dialog, kind)


def open_file(path: Path) -> bool:
    """Open a file (or folder) with the system's own program for it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_saved(parent: QWidget | None, title: str, path: Path) -> None:
    """Say where a file was saved, with buttons to open it or its folder."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        title,
        _("Saved as {path}").format(path=path),
        parent=parent,
    )
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    open_button = box.addButton(_("Open"), QMessageBox.ButtonRole.ActionRole)
    folder_button = box.addButton(_("Show in folder"), QMessageBox.ButtonRole.ActionRole)
    close = box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    box.exec()
    if box.clickedButton() is open_button:
        open_file(path)
    elif box.clickedButton() is folder_button:
        open_file(path.parent)


def open_stored_file(name: str, content: bytes) -> Path:
    """Write a file kept in the database to a private temporary file and open it.

    The copy is readable by the user only (0600) in a folder of its own, because evidence
    photos and worksheets may hold personal data.
    """
    folder = Path(tempfile.mkdtemp(prefix="pierglass-"))
    target = folder / (Path(name).name or "file")
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
    open_file(target)
    return target
