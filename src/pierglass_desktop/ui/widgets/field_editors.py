"""Editors built from a field's spec: its caption, its longest value and an example to follow.

A new text field on a form is then one line, and the editor cannot accept more than the column
holds or drift from the name the list and the command line give the field.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from pierglass_desktop.domain.fields import FieldSpec, Kind
from pierglass_desktop.ui.widgets.form import FieldForm

# Values the service tidies before storing, so what is typed or pasted may be longer than what is
# kept: "FI 2345 6780" from an invoice becomes 2345678-0.
TIDIED = frozenset({Kind.BUSINESS_ID})

# What a well-formed value looks like, shown in the empty field.
PLACEHOLDERS = {
    Kind.BUSINESS_ID: "1234567-8",
    Kind.EMAIL: "name@example.fi",
}


def line_edit(spec: FieldSpec, parent: QWidget | None = None) -> QLineEdit:
    """A one-line editor that holds no more than the field does."""
    editor = QLineEdit(parent)
    editor.setObjectName(spec.key)
    if spec.max_length is not None and spec.kind not in TIDIED:
        editor.setMaxLength(spec.max_length)
    if spec.kind in PLACEHOLDERS:
        editor.setPlaceholderText(PLACEHOLDERS[spec.kind])
    return editor


def add_line(form: FieldForm, spec: FieldSpec, hint: str = "") -> QLineEdit:
    """Add the field to ``form`` under its own caption; errors for ``spec.key`` show under it."""
    editor = line_edit(spec)
    form.add(spec.key, spec.caption(), editor, hint)
    return editor


def add_field(form: FieldForm, spec: FieldSpec, editor: QWidget, hint: str = "") -> QWidget:
    """Any other editor (a choice, a date, long text) under the field's caption."""
    return form.add(spec.key, spec.caption(), editor, hint)


def text_of(editor: QWidget) -> str:
    """What a line or text editor holds."""
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    return editor.text()  # type: ignore[attr-defined]
