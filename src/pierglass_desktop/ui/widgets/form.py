"""A form whose every field has its own error line, shown in red right under the field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b00020;"
HINT_STYLE = "color: #5f6368;"


class FieldForm(QWidget):
    """Fields added by name; ``show_errors`` puts each service message under its field."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._editors: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._rows: dict[str, QWidget] = {}

    def add(self, name: str, label: str, editor: QWidget, hint: str = "") -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        if hint:
            hint_label = QLabel(hint, box)
            hint_label.setWordWrap(True)
            hint_label.setStyleSheet(HINT_STYLE)
            column.addWidget(hint_label)
        error = QLabel(box)
        error.setObjectName(f"error_{name}")
        error.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what was typed
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        caption = QLabel(label, self)
        caption.setBuddy(editor)
        self._layout.addRow(caption, box)
        self._rows[name] = box
        self._editors[name] = editor
        self._errors[name] = error
        return editor

    def add_note(self, text: str) -> QLabel:
        """A line of explanation across the whole form (plain text, wrapped)."""
        note = QLabel(text, self)
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        self._layout.addRow(note)
        return note

    def set_field_visible(self, name: str, visible: bool) -> None:
        self._layout.setRowVisible(self._rows[name], visible)

    def editor(self, name: str) -> QWidget:
        return self._editors[name]

    def error_text(self, name: str) -> str:
        label = self._errors[name]
        return label.text() if not label.isHidden() else ""

    def show_errors(self, messages: dict[str, str]) -> dict[str, str]:
        """Show each message at its field; returns those this form has no field for."""
        self.clear_errors()
        for name, message in messages.items():
            if name in self._errors:
                self._errors[name].setText(message)
                self._errors[name].show()
        return {k: v for k, v in messages.items() if k not in self._errors}

    def first_error_editor(self) -> QWidget | None:
        """The topmost field showing an error, to put the cursor there."""
        for name, label in self._errors.items():
            if not label.isHidden():
                return self._editors[name]
        return None

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()

    def has_field(self, name: str) -> bool:
        return name in self._editors
