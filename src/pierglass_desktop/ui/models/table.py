"""The table models for every list of immutable rows, and the proxy that searches and sorts it.

``RowsModel`` is the one base: a snapshot of frozen rows under translated headers, replaced
whole when the screen refreshes (or one row at a time, after an edit saved through a service).
``RowTableModel`` adds columns described once (title, how to show a row, how to sort it); the
planning, run-session and Today tables use these rather than models of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

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
    """Rows shown through ``Column``s: texts made once per refresh, searchable and sortable."""

    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self._columns = tuple(columns)
        self._texts: tuple[tuple[str, ...], ...] = ()  # shown text per row and column
        self._haystacks: tuple[str, ...] = ()

    def header_titles(self) -> Sequence[str]:
        return [column.title for column in self._columns]

    def set_rows(self, rows: Iterable[Any]) -> None:
        """Replace every row; texts are formatted once here, not at every paint."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._texts = tuple(tuple(c.show(r) for c in self._columns) for r in self._rows)
        self._haystacks = tuple(" ".join(texts).casefold() for texts in self._texts)
        self.endResetModel()

    def haystack(self, row: int) -> str:
        return self._haystacks[row]

    def sort_value(self, row: int, column: int) -> tuple:
        spec = self._columns[column]
        item = self._rows[row]
        return sort_key(spec.sort(item) if spec.sort else self._texts[row][column])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._texts[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and self._columns[index.column()].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return self._rows[index.row()]
        return None


class RowFilterProxy(QSortFilterProxyModel):
    """Searches every shown column as you type (words in any order) and sorts by the keys."""

    def __init__(self, source: RowTableModel, parent=None):
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._extra: Callable[[Any], bool] | None = None
        self.setSourceModel(source)
        self.setDynamicSortFilter(True)

    def set_search(self, text: str) -> None:
        self._change_filter(lambda: setattr(self, "_words", tuple(text.casefold().split())))

    def set_row_filter(self, accept: Callable[[Any], bool] | None) -> None:
        """An extra condition on the row object (e.g. a status picked in a combo box)."""
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
        return self._source().row_at(source.row())

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self._source()
        if self._extra is not None and not self._extra(model.row_at(source_row)):
            return False
        haystack = model.haystack(source_row)
        return all(word in haystack for word in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self._source()
        a = model.sort_value(left.row(), left.column())
        b = model.sort_value(right.row(), right.column())
        return a < b if a != b else left.row() < right.row()

    def _source(self) -> RowTableModel:
        return self.sourceModel()  # type: ignore[return-value]
