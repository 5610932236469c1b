"""Field errors one way: a dialog's form and a planning editor show a refusal the same way."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.ui import ops
from pierglass_desktop.ui.widgets.form import FieldErrors, FieldForm


@changes(Change.GROUPS)
def _refuse_name() -> None:
    raise ValidationError("Check the name.", fields={"name": "Give the group a name."})


def test_a_refused_name_shows_under_the_field_of_a_form_and_of_an_editor(qtbot, context):
    form = FieldForm()
    qtbot.addWidget(form)
    name = form.add("name", "Name", QLineEdit())
    assert ops.run(context, form, _refuse_name, form=form.errors) == (False, None)
    assert form.error_text("name") == "Give the group a name."
    name.setText("Kotihoito")  # editing the field clears its line
    assert form.error_text("name") == ""

    errors = FieldErrors()
    editor = QLineEdit()
    qtbot.addWidget(editor)
    errors.label_for("name", editor, editor)
    assert errors.attempt(editor, _refuse_name) == (False, None)
    assert errors.text("name") == "Give the group a name."
