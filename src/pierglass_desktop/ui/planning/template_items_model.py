"""A template's items as the user is about to apply them; a paperclip where files come along."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from pierglass_desktop.i18n import N_, ngettext
from pierglass_desktop.services.templates import TemplateItemRow
from pierglass_desktop.ui.planning.common import BREAK_BACKGROUND
from pierglass_desktop.ui.planning.rows_model import RowsModel

COLUMNS = (N_("Item"), N_("Minutes"), N_("Files"))
FILES_COLUMN = 2
Index = QModelIndex | QPersistentModelIndex


class TemplateItemsModel(RowsModel):
    COLUMNS = COLUMNS

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row: TemplateItemRow = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == FILES_COLUMN and row.file_count:
            return paperclip_icon()
        if role == Qt.ItemDataRole.ToolTipRole and column == FILES_COLUMN and row.file_count:
            return files_sentence(row.file_count)
        if role == Qt.ItemDataRole.BackgroundRole and row.is_break:
            return BREAK_BACKGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            # The paperclip and its count stay together however wide the heading is.
            horizontal = (
                Qt.AlignmentFlag.AlignCenter
                if column == FILES_COLUMN
                else (Qt.AlignmentFlag.AlignRight)
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: TemplateItemRow, column: int) -> str:
        if column == 0:
            return row.title
        if column == 1:
            return str(row.duration_minutes)
        return str(row.file_count) if row.file_count else ""


def files_sentence(count: int) -> str:
    return ngettext(
        "This item brings {count} attached file to the session.",
        "This item brings {count} attached files to the session.",
        count,
    ).format(count=count)


@cache
def paperclip_icon() -> QIcon:
    """A small paperclip, drawn once: the fonts we ship have no emoji."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor("#1f5f7a"), 2.4)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    # One wire bent in three: inner leg, top bend, outer leg, bottom bend, back up.
    path = QPainterPath(QPointF(18, 10))
    path.lineTo(18, 22)
    path.arcTo(12, 19, 6, 6, 0, -180)
    path.lineTo(12, 7)
    path.arcTo(12, 2, 10, 10, 180, -180)
    path.lineTo(22, 25)
    path.arcTo(8, 20, 14, 10, 0, -180)
    path.lineTo(8, 11)
    painter.drawPath(path)
    painter.end()
    return QIcon(pixmap)
