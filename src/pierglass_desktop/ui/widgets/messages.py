"""Message boxes: an error said in its sentence, and a question that says what will happen."""

from __future__ import annotations

from PySide6 import QtCore  # Qt's namespace: as QtCore.Qt in functions (see ui/__init__)
from PySide6.QtWidgets import QMessageBox, QWidget

from pierglass_desktop.i18n import _


def show_error(parent: QWidget | None, title: str, error: Exception | str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, str(error), parent=parent)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # names in the sentence are never markup
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before a step that cannot simply be undone; ``action`` names the step's button."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    do_it = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is do_it
