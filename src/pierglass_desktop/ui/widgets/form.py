"""Field errors, one way everywhere: a red line right under the field.

An error line appears when a save is refused and is cleared as soon as its field is edited;
its space is kept until the next save, so fields never jump under the person's pointer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b00020;"
HINT_STYLE = "color: #5f6368;"


# The first of these a field has tells that it was edited.
EDIT_SIGNALS = (
    "textChanged",
    "valueChanged",
    "dateTimeChanged",
    "dateChanged",
    "currentIndexChanged",
    "toggled",
)


class ErrorLine(QLabel):
    """One field's error message (plain text: messages may quote what was typed)."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"error_{name}")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, message: str) -> None:
        """Show ``message``, or hide the line when it is empty (after a save: fields may move)."""
        self.setMinimumHeight(0)
        self.setText(message)
        self.setVisible(bool(message))

    def clear_in_place(self) -> None:
        """The field was edited: the stale message goes, its space stays until the next save."""
        if self.text():
            self.setMinimumHeight(self.height())
            self.setText("")

    def message(self) -> str:
        return self.text()

    def watch(self, *editors: QWidget) -> None:
        """Clear this line when any of ``editors`` is edited."""
        for editor in editors:
            for name in EDIT_SIGNALS:
                signal = getattr(editor, name, None)
                if signal is not None and hasattr(signal, "connect"):
                    signal.connect(lambda *_args: self.clear_in_place())
                    break


class FieldForm(QWidget):
    """Fields added by name; ``show_errors`` puts each service message under its field."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._editors: dict[str, QWidget] = {}
        self._errors: dict[str, ErrorLine] = {}
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
        error = ErrorLine(name, box)
        error.watch(editor)
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
        return self._errors[name].message()

    def show_errors(self, messages: dict[str, str]) -> dict[str, str]:
        """Show each message at its field; returns those this form has no field for."""
        for name, line in self._errors.items():
            line.show_message(messages.get(name, ""))
        return {k: v for k, v in messages.items() if k not in self._errors}

    def first_error_editor(self) -> QWidget | None:
        """The topmost field showing an error, to put the cursor there."""
        for name, line in self._errors.items():
            if line.message():
                return self._editors[name]
        return None

    def clear_errors(self) -> None:
        for line in self._errors.values():
            line.show_message("")

    def has_field(self, name: str) -> bool:
        return name in self._editors
