"""The method editor: texts in each language on its own tab, facts and tags below."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain import vocabulary
from pierglass_desktop.domain.enums import MethodCategory
from pierglass_desktop.domain.fields import METHOD
from pierglass_desktop.i18n import LANGUAGES, _
from pierglass_desktop.services.builtin_methods import tag_label
from pierglass_desktop.services.methods import (
    MAX_NAME,
    MethodDetail,
    MethodInput,
    add_method,
    edit_method,
)
from pierglass_desktop.ui.widgets.discard import GuardsUnsavedChanges
from pierglass_desktop.ui.widgets.form import FieldErrors

TEXTS = ("name", "purpose", "steps", "materials")


class MethodEditor(GuardsUnsavedChanges, QDialog):
    """Creates a method (``detail`` None) or edits the user's own one."""

    def __init__(self, sessions, detail: MethodDetail | None = None, parent=None):
        super().__init__(parent)
        self.sessions = sessions
        self.detail = detail
        self.saved = None
        self.errors = FieldErrors()
        self.setWindowTitle(_("Edit method") if detail else _("New method"))
        self.resize(640, 620)
        layout = QVBoxLayout(self)
        layout.addWidget(self._language_tabs())
        names = [w for (name, _code), w in self.fields.items() if name == "name"]
        layout.addWidget(self.errors.label_for("name", self, *names))
        layout.addLayout(self._facts_form())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if detail:
            self._fill(detail)

    def _language_tabs(self) -> QTabWidget:
        tabs = QTabWidget(self)
        self.fields: dict[tuple[str, str], QLineEdit | QPlainTextEdit] = {}
        for code, language_name in LANGUAGES.items():
            page = QWidget(tabs)
            form = QFormLayout(page)
            for name, label in zip(TEXTS, self._text_labels(), strict=True):
                widget = QLineEdit(page) if name == "name" else QPlainTextEdit(page)
                if isinstance(widget, QLineEdit):
                    widget.setMaxLength(MAX_NAME)
                widget.setObjectName(f"{name}_{code}")
                self.fields[(name, code)] = widget
                form.addRow(label, widget)
            tabs.addTab(page, language_name)
        return tabs

    def _text_labels(self) -> list[str]:
        return [_("Name"), _("Purpose"), _("Steps"), _("Materials (one per line)")]

    def _facts_form(self) -> QFormLayout:
        form = QFormLayout()
        self.category = QComboBox(self)
        for category in MethodCategory:
            self.category.addItem(vocabulary.label(category), category)
        duration = METHOD["duration_minutes"]
        self.duration = _spin(self, duration.minimum or 1, duration.maximum or 1, 30, _(" min"))
        self.group_min = _spin(self, 0, 100, 0, "", _("not set"))
        self.group_max = _spin(self, 0, 100, 0, "", _("not set"))
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText(_("Separate tags with commas"))
        form.addRow(METHOD["category"].caption(), self.category)
        form.addRow(_("Duration"), self.duration)
        form.addRow("", self.errors.label_for("duration_minutes", self, self.duration))
        form.addRow(METHOD["group_min"].caption(), self.group_min)
        form.addRow(METHOD["group_max"].caption(), self.group_max)
        form.addRow("", self.errors.label_for("group_size", self, self.group_min, self.group_max))
        form.addRow(_("Tags"), self.tags)
        return form

    def _fill(self, detail: MethodDetail) -> None:
        for (name, code), widget in self.fields.items():
            text = getattr(detail, name).get(code, "")
            widget.setText(text) if isinstance(widget, QLineEdit) else widget.setPlainText(text)
        self.category.setCurrentIndex(self.category.findData(detail.category))
        self.duration.setValue(detail.duration_minutes)
        self.group_min.setValue(detail.group_min or 0)
        self.group_max.setValue(detail.group_max or 0)
        self.tags.setText(", ".join(tag_label(t) for t in detail.tags))

    def method_input(self) -> MethodInput:
        texts = {name: {} for name in TEXTS}
        for (name, code), widget in self.fields.items():
            value = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
            texts[name][code] = value
        return MethodInput(
            **texts,
            category=self.category.currentData(),
            duration_minutes=self.duration.value(),
            group_min=self.group_min.value() or None,
            group_max=self.group_max.value() or None,
            tags=tuple(self.tags.text().split(",")),
        )

    def _on_save(self) -> None:
        def save():
            if self.detail:
                return edit_method(
                    self.sessions,
                    self.detail.id,
                    self.method_input(),
                    seen_at=self.detail.updated_at,
                )
            return add_method(self.sessions, self.method_input())

        saved, self.saved = self.errors.attempt(self, save)
        if saved:
            self.accept()


def _spin(parent, low: int, high: int, value: int, suffix: str, special: str = "") -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    if special:
        spin.setSpecialValueText(special)
    return spin
