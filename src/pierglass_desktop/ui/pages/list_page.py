"""The frame the Groups and Participants pages share: a search box and filters, a button row,
a proxy-filtered table with a count under it, and (Groups) a detail beside it.

Subclasses make the widgets and say what differs: the kinds of change they show (``KINDS``),
how rows are loaded (``refresh``), the count's words (``count_text``) and the slots for the
buttons. The base wires search, selection, change notices and the keyboard the same way.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from pierglass_desktop.services.changes import Change
from pierglass_desktop.ui.context import AppContext
from pierglass_desktop.ui.models.table import RowFilterProxy
from pierglass_desktop.ui.widgets.keys import list_page_shortcuts
from pierglass_desktop.ui.widgets.tables import choose_row, chosen_row


class ListPage(QWidget):
    KINDS: frozenset[Change] = frozenset()

    def __init__(self, context: AppContext, model: QAbstractItemModel, parent=None):
        super().__init__(parent)
        self._context = context
        self.model = model
        self.proxy = RowFilterProxy(model, self)

    def search_box(self, hint: str) -> QLineEdit:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(hint)
        self.search.setClearButtonEnabled(True)
        return self.search

    def list_column(
        self,
        parent: QWidget,
        table: QTableView,
        filters: list[QWidget],
        buttons: list[QWidget],
        end_buttons: list[QWidget],
    ) -> QVBoxLayout:
        """Search and filters, the buttons (``end_buttons`` on the right), the table, a count."""
        self.table = table
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        for widget in filters:
            bar.addWidget(widget)
        actions = QHBoxLayout()
        for button in buttons:
            actions.addWidget(button)
        actions.addStretch(1)
        for button in end_buttons:
            actions.addWidget(button)
        self.count_label = QLabel(parent)
        column = QVBoxLayout(parent)
        column.addLayout(bar)
        column.addLayout(actions)
        column.addWidget(table, 1)
        column.addWidget(self.count_label)
        return column

    def connect_list(self) -> None:
        """Search, selection, change notices and keys, wired alike on every list page."""
        self.search.textChanged.connect(self._on_search)
        self.table.doubleClicked.connect(self._on_edit)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.proxy.modelReset.connect(self._on_selection)
        self.proxy.layoutChanged.connect(self._update_count)
        self._context.changes.changed.connect(self._on_changes)
        list_page_shortcuts(
            self,
            table=self.table,
            search=self.search,
            new=self._on_new,
            edit=self._on_edit,
            delete=self._on_delete,
        )

    def selected_row(self) -> Any:
        return chosen_row(self.table)

    def select_row(self, row_id: str) -> None:
        choose_row(self.table, row_id)

    def refresh(self) -> None:
        raise NotImplementedError

    def count_text(self, shown: int, total: int) -> str:
        raise NotImplementedError

    def _update_count(self, *_args) -> None:
        self.count_label.setText(self.count_text(self.proxy.rowCount(), self.model.rowCount()))

    def _on_changes(self, kinds: frozenset[Change]) -> None:
        if kinds & self.KINDS:
            self.refresh()

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()

    def _on_selection(self, *_args) -> None:
        raise NotImplementedError

    def _on_new(self) -> None:
        raise NotImplementedError

    def _on_edit(self, *_args) -> None:
        raise NotImplementedError

    def _on_delete(self) -> None:
        raise NotImplementedError
