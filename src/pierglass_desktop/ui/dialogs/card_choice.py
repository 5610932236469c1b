"""Which method cards to print: methods ticked in a searchable list, or a template's methods,
and one, two or four cards on each A4 page."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain.rules import CARDS_PER_PAGE
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.reports.printables import PrintRequest
from pierglass_desktop.services.library_search import search_methods
from pierglass_desktop.services.templates import list_templates


class CardChoiceDialog(QDialog):
    def __init__(self, sessions, checked: Iterable[str] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Print method cards"))
        self.resize(520, 560)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search methods by name, purpose or tag"))
        self.search.setClearButtonEnabled(True)
        self.methods = QListWidget(self)
        self._fill_methods(sessions, set(checked))
        self.template = QComboBox(self)
        self.template.addItem(_("No template"), None)
        for template in list_templates(sessions):
            self.template.addItem(template.name, template.id)
        self.per_page = QComboBox(self)
        for count in CARDS_PER_PAGE:
            label = ngettext("{n} card on a page", "{n} cards on a page", count).format(n=count)
            self.per_page.addItem(label, count)
        self.summary = QLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Print…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.search.textChanged.connect(self._filter)
        self.methods.itemChanged.connect(self._update)
        self.template.currentIndexChanged.connect(self._update)
        self._update()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(_("Template"), self.template)
        form.addRow(_("Cards per page"), self.per_page)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Tick the methods to print, or choose a template."), self))
        layout.addWidget(self.search)
        layout.addWidget(self.methods, 1)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def _fill_methods(self, sessions, checked: set[str]) -> None:
        for row in search_methods(sessions):
            item = QListWidgetItem(row.name, self.methods)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if row.id in checked else Qt.CheckState.Unchecked
            item.setCheckState(state)

    def _items(self) -> list[QListWidgetItem]:
        return [self.methods.item(i) for i in range(self.methods.count())]

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for item in self._items():
            item.setHidden(not all(w in item.text().casefold() for w in words))

    def checked_ids(self) -> tuple[str, ...]:
        return tuple(
            item.data(Qt.ItemDataRole.UserRole)
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        )

    def _update(self, *_args) -> None:
        count = len(self.checked_ids())
        template = self.template.currentData()
        if template:
            text = ngettext(
                "The template's methods and {n} ticked method.",
                "The template's methods and {n} ticked methods.",
                count,
            ).format(n=count)
        else:
            text = ngettext("{n} method ticked.", "{n} methods ticked.", count).format(n=count)
        self.summary.setText(text)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(count or template))

    def request(self) -> PrintRequest:
        return PrintRequest(
            method_ids=self.checked_ids(),
            template_id=self.template.currentData(),
            per_page=self.per_page.currentData(),
        )
