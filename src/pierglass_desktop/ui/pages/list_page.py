"""The frame the Groups and Participants pages share: a search box and filters, a button row,
a proxy-filtered table with a count under it, and (Groups) a detail beside it.

Subclasses make the widgets and say what differs: the kinds of change they show (``KINDS``),
how rows are read (``refresh`` hands a read to ``load_rows``), the count's words
(``count_text``) and the slots for the buttons. The base wires search, selection, change
notices and the keyboard the same way.

Rows are read and sorted off the GUI thread: a coordinator's file lists 14,000 people, a few
tenths of a second to read, and the page opens at once and keeps answering meanwhile. The
table shows the rows it has until the new ones come, with the same row chosen after.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget
from shiboken6 import isValid

from pierglass_desktop.i18n import _
from pierglass_desktop.services.changes import Change
from pierglass_desktop.ui.context import AppContext
from pierglass_desktop.ui.models.table import RowFilterProxy, RowTableModel, SortedRows
from pierglass_desktop.ui.tasks import BackgroundRead
from pierglass_desktop.ui.widgets import messages
from pierglass_desktop.ui.widgets.keys import list_page_shortcuts
from pierglass_desktop.ui.widgets.tables import choose_row, chosen_row


class ListPage(QWidget):
    KINDS: frozenset[Change] = frozenset()
    TITLE = ""  # the page's name, marked with N_: the title of a failed read's message
    loaded = Signal()  # rows read in the background are shown

    def __init__(self, context: AppContext, model: RowTableModel, parent=None):
        super().__init__(parent)
        self._context = context
        self.model = model
        self.proxy = RowFilterProxy(model, self)
        self._read: BackgroundRead | None = None
        self._chosen_next: str | None = None  # asked for while loading: chosen when shown

    @property
    def loading(self) -> bool:
        return self._read is not None

    def load_rows(self, read: Callable[[], Iterable[Any]]) -> None:
        """Read and sort the rows off the GUI thread, then show them (a newer read wins)."""
        self.abandon_loading()
        in_order = self.model.sorter()
        self._read = BackgroundRead(
            lambda: in_order(read()), on_success=self._show_rows, on_failure=self._show_failure
        )
        self._update_count()

    def abandon_loading(self) -> None:
        """Drop rows still loading (the page closes, or the window changes databases)."""
        if self._read is not None:
            self._read.abandon()
            self._read = None

    def closeEvent(self, event) -> None:
        self.abandon_loading()
        super().closeEvent(event)

    def _show_rows(self, rows: SortedRows) -> None:
        if not isValid(self):  # the page was closed while its rows were loading
            return
        self._read = None
        chosen = self.selected_row()
        keep = self._chosen_next or (chosen.id if chosen is not None else None)
        self._chosen_next = None
        self.model.set_sorted_rows(rows)
        if keep is not None:
            self.select_row(keep)
        self._on_selection()
        self.loaded.emit()

    def _show_failure(self, error: Exception) -> None:
        if isValid(self):
            self._read = self._chosen_next = None
            self._update_count()
            messages.show_error(self, _(self.TITLE), error)

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
        self._on_selection()  # nothing chosen yet: the buttons for a row start disabled

    def selected_row(self) -> Any:
        return chosen_row(self.table)

    def select_row(self, row_id: str) -> None:
        """Choose the row now if it is shown, and again when rows being read arrive: a record
        just saved, or opened from another page, may not be in the rows shown yet."""
        choose_row(self.table, row_id)
        if self.loading:
            self._chosen_next = row_id

    def refresh(self) -> None:
        raise NotImplementedError

    def count_text(self, shown: int, total: int) -> str:
        raise NotImplementedError

    def _update_count(self, *_args) -> None:
        if self.loading and not self.model.rowCount():  # the first rows are on their way
            self.count_label.setText(_("Loading…"))
        else:
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
