"""Field errors, one way everywhere: a red line right under the field.

An error line appears when a save is refused and is cleared as soon as its field is edited;
its space is kept until the next save, so fields never jump under the person's pointer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from pierglass_desktop.domain.errors import PierglassError, ValidationError

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


T = TypeVar("T")


class FieldErrors:
    """Error lines placed under form fields; a ValidationError fills the ones it names.

    The one API for field errors: ``FieldForm`` keeps its lines in one, and the planning
    editors place theirs with ``label_for``. Lines clear as soon as their field is edited.
    """

    def __init__(self):
        self._labels: dict[str, ErrorLine] = {}

    def label_for(self, field: str, parent: QWidget, *editors: QWidget) -> ErrorLine:
        """The error line for ``field``; editing any of ``editors`` clears it."""
        line = ErrorLine(field, parent)
        line.watch(*editors)
        self._labels[field] = line
        return line

    def lines(self) -> dict[str, ErrorLine]:
        return dict(self._labels)

    def clear(self) -> None:
        for line in self._labels.values():
            line.show_message("")

    def show(self, error: ValidationError) -> bool:
        """True if at least one field took a message."""
        for field, line in self._labels.items():
            line.show_message(error.fields.get(field, ""))
        return any(field in self._labels for field in error.fields)

    def attempt(self, parent: QWidget, action: Callable[[], T]) -> tuple[bool, T | None]:
        """Run a service call: a refusal goes under the fields it names, else in a message box.

        Returns (True, result), or (False, None) after the user has been told why.
        """
        from pierglass_desktop.ui import ops

        try:
            result = action()
        except PierglassError as error:
            ops.refuse(parent, error, self)
            return False, None
        self.clear()
        return True, result

    def text(self, field: str) -> str:
        return self._labels[field].message()


class FieldForm(QWidget):
    """Fields added by name; ``show_errors`` puts each service message under its field."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._editors: dict[str, QWidget] = {}
        self.errors = FieldErrors()
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
        column.addWidget(self.errors.label_for(name, box, editor))
        caption = QLabel(label, self)
        caption.setBuddy(editor)
        self._layout.addRow(caption, box)
        self._rows[name] = box
        self._editors[name] = editor
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
        return self.errors.text(name)

    def show_errors(self, messages: dict[str, str]) -> dict[str, str]:
        """Show each message at its field; returns those this form has no field for."""
        self.errors.show(ValidationError("", messages))
        return {k: v for k, v in messages.items() if k not in self.errors.lines()}

    def first_error_editor(self) -> QWidget | None:
        """The topmost field showing an error, to put the cursor there."""
        for name, line in self.errors.lines().items():
            if line.message():
                return self._editors[name]
        return None

    def clear_errors(self) -> None:
        self.errors.clear()

    def has_field(self, name: str) -> bool:
        return name in self._editors
