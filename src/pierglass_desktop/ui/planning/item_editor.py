"""The selected agenda item's details: title, minutes, lead, purpose, instructions, materials."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from pierglass_desktop.domain import vocabulary
from pierglass_desktop.domain.enums import MemberRole
from pierglass_desktop.domain.fields import AGENDA_ITEM
from pierglass_desktop.i18n import _
from pierglass_desktop.services.agenda import AgendaItemInput, AgendaItemRow
from pierglass_desktop.ui.widgets.form import FieldErrors


class ItemEditor(QWidget):
    """Emits ``save_requested(item_id, AgendaItemInput)``; the builder calls the service."""

    save_requested = Signal(str, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.errors = FieldErrors()
        self._item: AgendaItemRow | None = None
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.title = QLineEdit(self)
        self.title.setMaxLength(AGENDA_ITEM.limit("title"))
        self.minutes = QSpinBox(self)
        minutes = AGENDA_ITEM["duration_minutes"]
        self.minutes.setRange(minutes.minimum or 1, minutes.maximum or 1)
        self.minutes.setSuffix(_(" min"))
        self.responsible = QLineEdit(self)
        self.responsible.setMaxLength(AGENDA_ITEM.limit("responsible"))
        self.responsible.setPlaceholderText(_("A person, or leave empty"))
        self.role = QComboBox(self)
        self.role.addItem(_("No member role"), None)
        for role in MemberRole:
            self.role.addItem(vocabulary.label(role), role)
        self.purpose = QPlainTextEdit(self)
        self.instructions = QPlainTextEdit(self)
        self.materials = QPlainTextEdit(self)
        self.materials.setPlaceholderText(_("One thing per line"))
        for box in (self.purpose, self.materials):
            box.setMaximumHeight(70)
        self.save = QPushButton(_("Save item"), self)
        self.save.clicked.connect(self._on_save)
        form.addRow(AGENDA_ITEM["title"].caption(), self.title)
        form.addRow("", self.errors.label_for("title", self, self.title))
        form.addRow(_("Duration"), self.minutes)
        form.addRow("", self.errors.label_for("duration_minutes", self, self.minutes))
        for key, editor in (
            ("responsible", self.responsible),
            ("member_role", self.role),
            ("purpose", self.purpose),
            ("instructions", self.instructions),
            ("materials", self.materials),
        ):
            form.addRow(AGENDA_ITEM[key].caption(), editor)
        form.addRow("", self.save)
        self.show_item(None)

    def show_item(self, item: AgendaItemRow | None) -> None:
        self._item = item
        self.errors.clear()
        self.setEnabled(item is not None)
        self.title.setText(item.title if item else "")
        self.minutes.setValue(item.duration_minutes if item else 15)
        self.responsible.setText(item.responsible if item else "")
        self.role.setCurrentIndex(self.role.findData(item.member_role) if item else 0)
        self.purpose.setPlainText(item.purpose if item else "")
        self.instructions.setPlainText(item.instructions if item else "")
        self.materials.setPlainText(item.materials if item else "")

    def shown_item(self) -> AgendaItemRow | None:
        """The item as the editor was filled from it (its stamp is the save's ``seen_at``)."""
        return self._item

    def item_input(self) -> AgendaItemInput:
        item = self._item
        return AgendaItemInput(
            title=self.title.text(),
            duration_minutes=self.minutes.value(),
            purpose=self.purpose.toPlainText(),
            instructions=self.instructions.toPlainText(),
            materials=self.materials.toPlainText(),
            category=item.category if item else None,
            is_break=item.is_break if item else False,
            responsible=self.responsible.text(),
            member_role=self.role.currentData(),
        )

    def _on_save(self) -> None:
        if self._item is not None:
            self.save_requested.emit(self._item.id, self.item_input())
