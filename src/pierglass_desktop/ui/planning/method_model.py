"""The method list: an immutable snapshot of rows, coloured by category."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from pierglass_desktop.domain import vocabulary
from pierglass_desktop.i18n import N_, _
from pierglass_desktop.services.library_search import MethodRow
from pierglass_desktop.ui.planning.common import category_colour
from pierglass_desktop.ui.planning.rows_model import RowsModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = (N_("Method"), N_("Category"), N_("Minutes"), N_("Source"))
Index = QModelIndex | QPersistentModelIndex


class MethodTableModel(RowsModel):
    COLUMNS = COLUMNS

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return row.duration_minutes if column == 2 else self._display(row, column).casefold()
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            return category_colour(row.category)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return row.purpose or None
        if role == ROW_ROLE:
            return row
        return None

    def _display(self, row: MethodRow, column: int) -> str:
        if column == 0:
            return row.name
        if column == 1:
            return vocabulary.label(row.category)
        if column == 2:
            return str(row.duration_minutes)
        return _("Built-in") if row.builtin else row.source or _("Own")
