"""The table models for every list of immutable rows, and the proxy that searches and sorts it.

``RowsModel`` is the one base: a snapshot of frozen rows under translated headers, replaced
whole when the screen refreshes (or one row at a time, after an edit saved through a service).
``RowTableModel`` adds columns described once (title, how to show a row, how to sort it); the
planning, run-session and Today tables use these rather than models of their own.

Sorting is the model's own: a click on a header reaches ``RowFilterProxy.sort``, which hands it
to the model, which computes the column's key once per row and reorders its rows with one
``list.sort`` (in C). The proxy only filters, in the model's order. Letting the proxy sort
instead makes Qt call back into Python for every comparison (index, row count, column count
and data, twice each): 1.1 s for 14,000 rows here, against a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from pierglass_desktop.i18n import _

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object itself


@dataclass(frozen=True)
class Column:
    title: str  # marked with N_, translated when shown
    show: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None  # defaults to the shown text, case-folded
    numeric: bool = False  # right-aligned


def sort_key(value: Any) -> tuple:
    """Comparable in one column whatever it holds: empty values sort last."""
    if value is None or value == "":
        return (1, "")
    if isinstance(value, str):
        return (0, value.casefold())
    if isinstance(value, date):
        return (0, value.toordinal())
    return (0, value)


def _sorted_texts(texts: list[str], descending: bool) -> list[int]:
    """The order ``sort_key`` gives a column of texts, twice as fast: the case-folded texts
    are the keys, and the empty ones are put where their (1, "") keys would sort them."""
    keys = [text.casefold() for text in texts]
    filled = sorted(
        (i for i, key in enumerate(keys) if key), key=keys.__getitem__, reverse=descending
    )
    empty = [i for i, key in enumerate(keys) if not key]
    return empty + filled if descending else filled + empty


def _sorted_positions(column: Column, rows: Sequence[Any], order: Qt.SortOrder) -> list[int]:
    """Row numbers in ``column``'s order: each row's key computed once, one C sort."""
    values = list(map(column.sort or column.show, rows))
    descending = order == Qt.SortOrder.DescendingOrder
    if all(type(value) is str for value in values):
        return _sorted_texts(values, descending)
    keys = [sort_key(value) for value in values]
    return sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)


class SortedRows(NamedTuple):
    """Rows in the order of one column (or as they came, when ``order`` is None)."""

    order: tuple[int, Qt.SortOrder] | None
    rows: tuple


class RowsModel(QAbstractTableModel):
    """Frozen rows under translated headers; subclasses answer ``data``."""

    HEADERS: tuple[str, ...] = ()  # marked with N_, translated when shown

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: tuple = ()

    def header_titles(self) -> Sequence[str]:
        return self.HEADERS

    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rows(self) -> tuple:
        return self._rows

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def replace_row(self, row: int, value: Any) -> None:
        """One row saved anew (an edit went through its service): only it is redrawn."""
        self._rows = (*self._rows[:row], value, *self._rows[row + 1 :])
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def append_row(self, value: Any) -> None:
        """A row that was not there (a newcomer at the door) goes at the end."""
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows = (*self._rows, value)
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.header_titles())

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        titles = self.header_titles()
        shown = role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
        return _(titles[section]) if shown and 0 <= section < len(titles) else None


class RowTableModel(RowsModel):
    """Rows shown through ``Column``s, searchable and sortable.

    A refresh does work for what is seen: a cell's text is made when it is painted, a column's
    sort keys when it is sorted on, and the search texts at the first search. A coordinator's
    list holds 14,000 people, of whom a screen shows thirty.
    """

    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self._columns = tuple(columns)
        self._titles = [column.title for column in self._columns]
        self._haystacks: list[str] | None = None  # made at the first search
        self._order: tuple[int, Qt.SortOrder] | None = None  # kept across refreshes

    def header_titles(self) -> Sequence[str]:
        return self._titles

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def set_rows(self, rows: Iterable[Any]) -> None:
        """Replace every row, in the current sort order."""
        self.set_sorted_rows(SortedRows(None, tuple(rows)))

    def sorter(self) -> Callable[[Iterable[Any]], SortedRows]:
        """Puts rows in the current sort order on any thread, touching no Qt object: a page
        that reads its rows in the background sorts them there too."""
        columns, order = self._columns, self._order

        def in_order(rows: Iterable[Any]) -> SortedRows:
            rows = tuple(rows)
            if order is None:
                return SortedRows(None, rows)
            positions = _sorted_positions(columns[order[0]], rows, order[1])
            return SortedRows(order, tuple([rows[i] for i in positions]))

        return in_order

    def set_sorted_rows(self, rows: SortedRows) -> None:
        """Replace every row with rows from ``sorter``; sorted again only when a header was
        clicked meanwhile."""
        self.beginResetModel()
        self._rows = rows.rows
        self._forget_texts()
        if self._order is not None and rows.order != self._order:
            positions = _sorted_positions(self._columns[self._order[0]], self._rows, self._order[1])
            self._rows = tuple([self._rows[i] for i in positions])
        self.endResetModel()

    def replace_row(self, row: int, value: Any) -> None:
        self._forget_texts()
        super().replace_row(row, value)

    def append_row(self, value: Any) -> None:
        self._forget_texts()
        super().append_row(value)

    def _forget_texts(self) -> None:
        self._haystacks = None

    def text(self, row: int, column: int) -> str:
        return self._columns[column].show(self._rows[row])

    def haystack(self, row: int) -> str:
        if self._haystacks is None:
            shows = [column.show for column in self._columns]
            self._haystacks = [
                " ".join([show(item) for show in shows]).casefold() for item in self._rows
            ]
        return self._haystacks[row]

    def sort_value(self, row: int, column: int) -> tuple:
        spec = self._columns[column]
        return sort_key(spec.sort(self._rows[row]) if spec.sort else self.text(row, column))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows by one column (stable: equal keys keep their order)."""
        if not 0 <= column < len(self._columns):
            self._order = None  # back to the order the rows came in, from the next refresh
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        positions = _sorted_positions(self._columns[column], self._rows, order)
        rows = self._rows
        self._rows = tuple([rows[i] for i in positions])
        self._forget_texts()
        new_row = [0] * len(positions)
        for new, old in enumerate(positions):
            new_row[old] = new
        before = self.persistentIndexList()
        after = [self.index(new_row[i.row()], i.column()) for i in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and self._columns[index.column()].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return self._rows[index.row()]
        return None


class RowFilterProxy(QSortFilterProxyModel):
    """Searches every shown column as you type (words in any order); sorting is passed to the
    model (see the module's note), so the proxy keeps the model's order."""

    def __init__(self, source: RowTableModel, parent=None):
        super().__init__(parent)
        self._model = source
        self._words: tuple[str, ...] = ()
        self._extra: Callable[[Any], bool] | None = None
        self.setSourceModel(source)
        self.setDynamicSortFilter(True)

    def set_search(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words != self._words:  # "anna " is still "anna": no pass over every row
            self._change_filter(lambda: setattr(self, "_words", words))

    def set_row_filter(self, accept: Callable[[Any], bool] | None) -> None:
        """An extra condition on the row object (e.g. a status picked in a combo box)."""
        if accept is not None or self._extra is not None:  # "none" again changes nothing
            self._change_filter(lambda: setattr(self, "_extra", accept))

    def _change_filter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def row_at(self, proxy_row: int) -> Any:
        source = self.mapToSource(self.index(proxy_row, 0))
        return self._model.row_at(source.row())

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        # Qt asks once per row at every refresh, 14,000 times on a coordinator's list.
        if self._extra is not None and not self._extra(self._model.row_at(source_row)):
            return False
        if not self._words:
            return True
        haystack = self._model.haystack(source_row)
        return all(word in haystack for word in self._words)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._model.sort(column, order)
