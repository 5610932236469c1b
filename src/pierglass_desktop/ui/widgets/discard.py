"""Dialogs that ask before Escape or the window's close button throws away what was typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from pierglass_desktop.i18n import _


def form_state(root: QWidget) -> tuple:
    """What the person can change in ``root``: every field's value, in a comparable form."""
    values: list[object] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit | QAbstractSpinBox):
            values.append(widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            values.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            values.append((widget.currentIndex(), widget.currentText()))
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values.append(widget.isChecked())
    return tuple(values)


def ask_to_discard(parent: QWidget) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _("Discard changes?"),
        _("You have changed this form. Close it and lose the changes?"),
        parent=parent,
    )
    discard = box.addButton(_("Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(_("Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


class GuardsUnsavedChanges:
    """Mix into a QDialog (before it): Escape and the close button ask when a field changed.

    The fields are compared with how they were when the dialog was first shown. Cancel is a
    deliberate choice and closes at once.
    """

    _clean_state: tuple | None = None

    def has_changes(self) -> bool:
        return self._clean_state is not None and form_state(self) != self._clean_state

    def showEvent(self, event) -> None:
        if self._clean_state is None:
            self._clean_state = form_state(self)
        super().showEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        escape = event.key() == Qt.Key.Key_Escape and not event.modifiers()
        if escape and self.has_changes() and not ask_to_discard(self):
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Only the window's own close button; a close() from the program is not asked about.
        if event.spontaneous() and self.has_changes() and not ask_to_discard(self):
            event.ignore()
            return
        super().closeEvent(event)
