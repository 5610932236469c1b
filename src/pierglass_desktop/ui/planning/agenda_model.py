"""The agenda table: items with live start times, reordered by drag and drop.

The model shows one immutable timeline; every change goes through a service and the builder
hands back a fresh timeline, so the start times can never disagree with the database.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt

from pierglass_desktop.i18n import N_
from pierglass_desktop.services.agenda import TimedItem, Timeline, responsible_label
from pierglass_desktop.ui.planning.common import (
    BREAK_BACKGROUND,
    OVERRUN_COLOUR,
    category_colour,
)
from pierglass_desktop.ui.planning.rows_model import RowsModel
from pierglass_desktop.ui.widgets.dates import show_time

MIME_TYPE = "application/x-pierglass-agenda-item"
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (N_("Time"), N_("Item"), N_("Min"), N_("Lead"))
MINUTES_COLUMN = 2
Index = QModelIndex | QPersistentModelIndex


class AgendaTableModel(RowsModel):
    """``mover(item_id, position)`` and ``resizer(item_id, minutes)`` do the real work."""

    COLUMNS = COLUMNS

    def __init__(
        self,
        mover: Callable[[str, int], None],
        resizer: Callable[[str, int], None],
        parent=None,
    ):
        super().__init__(parent)
        self._mover = mover
        self._resizer = resizer

    def set_timeline(self, timeline: Timeline | None) -> None:
        self.set_rows(timeline.items if timeline else ())

    def timed(self, row: int) -> TimedItem:
        return self._rows[row]

    def row_of(self, item_id: str) -> int:
        return next((n for n, t in enumerate(self._rows) if t.item.id == item_id), -1)

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        timed = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._display(timed, column, role)
        if role == Qt.ItemDataRole.ForegroundRole and timed.past_end:
            return OVERRUN_COLOUR
        if role == Qt.ItemDataRole.BackgroundRole and timed.item.is_break:
            return BREAK_BACKGROUND
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            return category_colour(timed.item.category)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(timed, column)
        if role == ITEM_ROLE:
            return timed.item
        return None

    @staticmethod
    def _tooltip(timed: TimedItem, column: int) -> str | None:
        # The title and the leader may be cut short in a narrow window: the tooltip has them.
        if column == 3:
            return responsible_label(timed.item) or None
        lines = [timed.item.title, timed.item.purpose]
        return "\n".join(line for line in lines if line) or None

    def _display(self, timed: TimedItem, column: int, role):
        if column == 0:
            return f"{show_time(timed.starts_at)}–{show_time(timed.ends_at)}"
        if column == 1:
            return timed.item.title
        if column == MINUTES_COLUMN:
            minutes = timed.item.duration_minutes
            return minutes if role == Qt.ItemDataRole.EditRole else str(minutes)
        return responsible_label(timed.item)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )
        if index.column() == MINUTES_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != MINUTES_COLUMN:
            return False
        try:
            minutes = int(value)
        except (TypeError, ValueError):
            return False
        self._resizer(self._rows[index.row()].item.id, minutes)
        return True

    # ------------------------------------------------------------ drag and drop

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(MIME_TYPE, self._rows[rows[0]].item.id.encode("ascii"))
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data.hasFormat(MIME_TYPE) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        item_id = bytes(data.data(MIME_TYPE)).decode("ascii")
        source = self.row_of(item_id)
        if source < 0:
            return False
        target = drop_position(
            source, row, parent.row() if parent.isValid() else -1, len(self._rows)
        )
        if target != source:
            self._mover(item_id, target)
        return False  # the mover reloads the agenda; nothing for the view to remove


def drop_position(source: int, row: int, onto: int, count: int) -> int:
    """Where the dragged item lands, as a position in the list without it: dropped between
    rows (``row``), onto a row (``onto``: it takes that row's place), or below the last."""
    if row >= 0:
        return row - 1 if source < row else row
    if onto >= 0:
        return onto
    return count - 1
