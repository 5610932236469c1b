"""A group's meetings, in date order, with their status."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from pierglass_desktop.i18n import N_
from pierglass_desktop.services.agenda import MeetingRow
from pierglass_desktop.ui.planning.common import status_colour, status_label
from pierglass_desktop.ui.planning.rows_model import RowsModel
from pierglass_desktop.ui.widgets.dates import show_date, show_time

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (N_("No."), N_("Date"), N_("Time"), N_("Theme"), N_("Status"))
Index = QModelIndex | QPersistentModelIndex


class MeetingTableModel(RowsModel):
    COLUMNS = COLUMNS

    def row_of(self, meeting_id: str) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == meeting_id), -1)

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 4:
            return status_colour(row.status)
        if role == ROW_ROLE:
            return row
        return None

    def _display(self, row: MeetingRow, column: int) -> str:
        if column == 0:
            return str(row.number) if row.number else "–"
        if column == 1:
            return show_date(row.starts_at.date())
        if column == 2:
            return show_time(row.starts_at)
        if column == 3:
            return row.theme
        return status_label(row.status)
