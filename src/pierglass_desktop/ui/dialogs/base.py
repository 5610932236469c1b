"""The frame every form dialog shares: a form, OK/Cancel, and service errors at the fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from pierglass_desktop.domain.errors import PierglassError, ValidationError
from pierglass_desktop.services.changes import Change
from pierglass_desktop.ui.widgets.discard import GuardsUnsavedChanges
from pierglass_desktop.ui.widgets.form import ERROR_STYLE, FieldForm


class FormDialog(GuardsUnsavedChanges, QDialog):
    """Subclasses fill ``self.form`` (or several forms) and implement ``save() -> row``.

    ``changes`` names what an accepted dialog changed (the service's own declaration), so
    ``ops.exec_dialog`` announces it.
    """

    changes: frozenset[Change] = frozenset()

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_row: Any = None
        self.forms: list[FieldForm] = []
        self._layout = QVBoxLayout(self)
        self._general_error = QLabel(self)
        self._general_error.setObjectName("general_error")
        self._general_error.setTextFormat(Qt.TextFormat.PlainText)
        self._general_error.setStyleSheet(ERROR_STYLE)
        self._general_error.setWordWrap(True)
        self._general_error.hide()
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._buttons.accepted.connect(self._on_ok)
        self._buttons.rejected.connect(self.reject)

    def new_form(self) -> FieldForm:
        form = FieldForm(self)
        self.forms.append(form)
        return form

    def finish_layout(self, body: QWidget) -> None:
        """Place the body, the general error line and the buttons."""
        self._layout.addWidget(body)
        self._layout.addWidget(self._general_error)
        self._layout.addWidget(self._buttons)

    def ok_button(self):
        return self._buttons.button(QDialogButtonBox.StandardButton.Ok)

    def general_error(self) -> str:
        return "" if self._general_error.isHidden() else self._general_error.text()

    def error_text(self, field: str) -> str:
        for form in self.forms:
            if form.has_field(field):
                return form.error_text(field)
        raise KeyError(field)

    def save(self) -> Any:
        raise NotImplementedError

    def _on_ok(self) -> None:
        self._run(self.save)

    def _run(self, action: Callable[[], Any]) -> None:
        try:
            self.result_row = action()
        except ValidationError as error:
            self._show_validation(error)
        except PierglassError as error:
            self._show_general(str(error))
        else:
            self.accept()

    def _show_validation(self, error: ValidationError) -> None:
        left = dict(error.fields)
        for form in self.forms:
            left = form.show_errors(left)
        # A sentence stays visible too when no field could take the message.
        self._show_general(str(error) if left or not error.fields else "")
        first = next(filter(None, (f.first_error_editor() for f in self.forms)), None)
        if first is not None:
            first.setFocus()

    def _fit_height(self) -> None:
        """Grow to show wrapped error lines in full; never shrink under the person's hands."""
        self.layout().activate()
        height = max(self.height(), self.heightForWidth(self.width()), self.sizeHint().height())
        self.resize(self.width(), height)

    def _show_general(self, message: str) -> None:
        self._general_error.setText(message)
        self._general_error.setVisible(bool(message))
        self._fit_height()
