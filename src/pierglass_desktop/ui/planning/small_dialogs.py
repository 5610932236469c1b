"""Small dialogs of the Sessions page: a new or moved date, a method or template to add."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
)

from pierglass_desktop.domain.fields import MEETING
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.services.library_search import search_methods
from pierglass_desktop.services.templates import list_template_items, list_templates
from pierglass_desktop.ui.planning.method_model import MethodTableModel
from pierglass_desktop.ui.planning.template_items_model import FILES_COLUMN, TemplateItemsModel
from pierglass_desktop.ui.widgets.dates import from_qdatetime, to_qdatetime
from pierglass_desktop.ui.widgets.discard import GuardsUnsavedChanges
from pierglass_desktop.ui.widgets.tables import chosen_row


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class WhenDialog(GuardsUnsavedChanges, QDialog):
    """A date and time (moving a session), optionally a length and theme (a new session)."""

    def __init__(self, title: str, starts_at: datetime, *, new: bool = False, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.when = QDateTimeEdit(to_qdatetime(starts_at), self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("d.M.yyyy HH.mm")
        form.addRow(_("Starts"), self.when)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(15, 720)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(180)
        self.minutes.setSuffix(_(" min"))
        self.theme = QLineEdit(self)
        self.theme.setMaxLength(MEETING.limit("theme"))
        if new:
            form.addRow(_("Length"), self.minutes)
            form.addRow(MEETING["theme"].caption(), self.theme)
        form.addRow(_buttons(self))

    def starts_at(self) -> datetime:
        return from_qdatetime(self.when.dateTime())


class PickMethodDialog(QDialog):
    """Search the library and pick a method to add to the agenda."""

    def __init__(self, sessions, parent=None):
        super().__init__(parent)
        self.sessions = sessions
        self.setWindowTitle(_("Add a method from the library"))
        self.resize(560, 480)
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search by name, purpose or tag"))
        self.search.setClearButtonEnabled(True)
        self.model = MethodTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(self.accept)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(_buttons(self))
        self.search.textChanged.connect(self._on_search)
        self._on_search("")

    def _on_search(self, text: str) -> None:
        self.model.set_rows(search_methods(self.sessions, text))
        if self.model.rowCount():
            self.table.selectRow(0)
        self.table.resizeColumnToContents(0)

    def method_id(self) -> str | None:
        row = chosen_row(self.table)
        return row.id if row else None


class TemplateDialog(QDialog):
    """Choose a template and whether it replaces the agenda or is added after it; its items are
    shown first, with a paperclip on those that bring files along."""

    def __init__(self, sessions, parent=None):
        super().__init__(parent)
        self.sessions = sessions
        self.setWindowTitle(_("Apply a template"))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        self.template = QComboBox(self)
        self._templates = {t.id: t for t in list_templates(sessions)}
        for template in self._templates.values():
            label = _("{name} ({minutes} min)").format(
                name=template.name, minutes=template.total_minutes
            )
            self.template.addItem(label, template.id)
        self.items = TemplateItemsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.items)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.files = QLabel(self)
        self.files.setWordWrap(True)
        self.replace = QCheckBox(_("Replace the current agenda"), self)
        form.addRow(_("Template"), self.template)
        form.addRow(self.table)
        form.addRow(self.files)
        form.addRow("", self.replace)
        form.addRow(_buttons(self))
        self.template.currentIndexChanged.connect(self._on_template_changed)
        self._on_template_changed()

    def _on_template_changed(self, _index: int = 0) -> None:
        template_id = self.template.currentData()
        rows = list_template_items(self.sessions, template_id) if template_id else []
        self.items.set_rows(rows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, FILES_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        template = self._templates.get(template_id)
        count = template.file_count if template else 0
        self.files.setText(template_files_sentence(count) if count else "")
        self.files.setVisible(bool(count))


def template_files_sentence(count: int) -> str:
    return ngettext(
        "The template brings {count} attached file: it is linked to the new agenda, not copied.",
        "The template brings {count} attached files: they are linked to the new agenda, "
        "not copied.",
        count,
    ).format(count=count)
