"""A table view for registers: leading columns that stay put, and many small mark cells
drawn in one pass.

Qt's item views paint each cell through the delegate and the style: a dozen model calls and a
text layout per cell. For a register of a few hundred one-symbol cells that was 80 ms a paint
on a slow laptop; drawing the same cells here with cached static texts takes under 20 ms.

The leading columns (names, rates) sit in a second, plain QTableView laid over the left edge,
sharing the model and the selection, so they stay in view while the marks scroll sideways:
Qt's frozen-column pattern. Selection, keyboard, scrolling and accessibility remain Qt's.

The model must offer `first_mark_column` and `cell_look(row, column)` returning the cell's
text, its foreground brush or None, and its background brush or None.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLineF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QStaticText
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QStyle,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QTableView,
)

ALWAYS_OFF = Qt.ScrollBarPolicy.ScrollBarAlwaysOff


class MarkGridView(QTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._texts: dict[str, QStaticText] = {}
        self._latest_pending = False
        # Whole-column scrolling would slide marks under the leading columns by uneven steps.
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.leading = QTableView(self)
        self.leading.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.leading.setAutoScroll(False)  # it would follow the current mark out of its columns
        self.leading.setFrameShape(QFrame.Shape.NoFrame)
        self.leading.verticalHeader().hide()
        self.leading.setHorizontalScrollBarPolicy(ALWAYS_OFF)
        self.leading.setVerticalScrollBarPolicy(ALWAYS_OFF)
        self.leading.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.leading.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.leading.hide()
        self.viewport().stackUnder(self.leading)
        self.horizontalHeader().sectionResized.connect(self._on_section_resized)
        self.verticalScrollBar().valueChanged.connect(self.leading.verticalScrollBar().setValue)
        self.leading.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.leading.doubleClicked.connect(self.doubleClicked)

    def _first_mark(self) -> int | None:
        """The first drawn column, or None when there is nothing to draw here."""
        model = self.model()
        first = getattr(model, "first_mark_column", None)
        return first if first is not None and model.columnCount() > first else None

    def setModel(self, model) -> None:
        super().setModel(model)
        self.leading.setModel(model)
        self.leading.setSelectionModel(self.selectionModel())
        model.modelReset.connect(self._fit_leading)
        self._fit_leading()

    def setSelectionMode(self, mode: QAbstractItemView.SelectionMode) -> None:
        super().setSelectionMode(mode)
        self.leading.setSelectionMode(mode)  # one selection, whichever part is clicked

    def _fit_leading(self) -> None:
        first = self._first_mark()
        self.leading.setVisible(first is not None)
        if first is not None:
            self.leading.verticalHeader().setDefaultSectionSize(
                self.verticalHeader().defaultSectionSize()
            )
            for column in range(first):
                self.leading.setColumnWidth(column, self.columnWidth(column))
            # Hidden, the marks cost the leading header nothing when it measures and paints.
            for column in range(first, self.model().columnCount()):
                self.leading.setColumnHidden(column, True)
            self._place_leading()

    def _on_section_resized(self, column: int, _old: int, new: int) -> None:
        first = self._first_mark()
        if first is not None and column < first:
            self.leading.setColumnWidth(column, new)
            self._place_leading()

    def _place_leading(self) -> None:
        first = self._first_mark()
        if first is None:
            return
        header, viewport = self.horizontalHeader(), self.viewport().geometry()
        self.leading.horizontalHeader().setFixedHeight(header.height())
        width = sum(self.columnWidth(column) for column in range(first))
        top = viewport.top() - header.height()
        self.leading.setGeometry(viewport.left(), top, width, viewport.bottom() - top + 1)

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._place_leading()
        self._scroll_to_latest()

    def show_latest(self) -> None:
        """Scroll to the last column, once the view is shown with its size (a new register)."""
        self._latest_pending = True
        self._scroll_to_latest()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._scroll_to_latest()

    def _scroll_to_latest(self) -> None:
        if self._latest_pending and self.isVisible():
            self._latest_pending = False
            self.executeDelayedItemsLayout()
            bar = self.horizontalScrollBar()
            bar.setValue(bar.maximum())

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        # Qt does not know the leading columns cover the left edge: keep a mark clear of them,
        # and move only up or down for a leading cell.
        first, bar = self._first_mark(), self.horizontalScrollBar()
        if first is None or not index.isValid():
            super().scrollTo(index, hint)
        elif index.column() < first:
            kept = bar.value()
            super().scrollTo(index, hint)
            bar.setValue(kept)
        else:
            super().scrollTo(index, hint)
            covered = self.leading.width() - self.visualRect(index).left()
            if covered > 0:
                bar.setValue(bar.value() - covered)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._texts.clear()  # static texts keep the font they were laid out in
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        first = self._first_mark()
        if first is None:
            super().paintEvent(event)
            return
        # The leading columns here lie under `self.leading`: only the marks are drawn.
        dirty = event.region().boundingRect() & self.viewport().rect()
        if not dirty.isEmpty():
            painter = QPainter(self.viewport())
            try:
                self._paint_marks(painter, dirty, first)
            finally:
                painter.end()

    def _visible(self, first_pixel: int, last_pixel: int, at, count: int) -> range:
        start, end = at(first_pixel), at(last_pixel)
        return range(max(start, 0), (end if end >= 0 else count - 1) + 1)

    def _paint_marks(self, painter: QPainter, dirty: QRect, first: int) -> None:
        model = self.model()
        rows = self._visible(dirty.top(), dirty.bottom(), self.rowAt, model.rowCount())
        columns = self._visible(dirty.left(), dirty.right(), self.columnAt, model.columnCount())
        columns = range(max(columns.start, first), columns.stop)
        if not rows or not columns:
            return
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.Text)
        highlight = palette.brush(QPalette.ColorRole.Highlight)
        highlighted_text = palette.color(QPalette.ColorRole.HighlightedText)
        chosen = {(i.row(), i.column()) for i in self.selectionModel().selectedIndexes()}
        current = self.currentIndex()
        xs = [(c, self.columnViewportPosition(c), self.columnWidth(c)) for c in columns]
        for row in rows:
            y, height = self.rowViewportPosition(row), self.rowHeight(row)
            for column, x, width in xs:
                text, foreground, background = model.cell_look(row, column)
                selected = (row, column) in chosen
                if selected:
                    painter.fillRect(x, y, width, height, highlight)
                elif background is not None:
                    painter.fillRect(x, y, width, height, background)
                if text:
                    if selected:
                        painter.setPen(highlighted_text)
                    else:
                        painter.setPen(text_colour if foreground is None else foreground.color())
                    static = self._texts.get(text)
                    if static is None:
                        static = self._texts[text] = QStaticText(text)
                        static.prepare(font=self.font())
                    size = static.size()
                    painter.drawStaticText(
                        int(x + (width - size.width()) / 2),
                        int(y + (height - size.height()) / 2),
                        static,
                    )
        if self.showGrid():
            self._paint_grid(painter, rows, xs)
        if current.isValid() and current.column() >= first and self.hasFocus():
            self._paint_focus(painter, current)

    def _paint_grid(self, painter: QPainter, rows: range, xs) -> None:
        # Like QTableView: each cell's line on its right and bottom edge.
        left, right = xs[0][1], xs[-1][1] + xs[-1][2] - 1
        top = self.rowViewportPosition(rows.start)
        bottom = self.rowViewportPosition(rows.stop - 1) + self.rowHeight(rows.stop - 1) - 1
        lines = [QLineF(x + width - 1, top, x + width - 1, bottom) for _c, x, width in xs]
        for row in rows:
            y = self.rowViewportPosition(row) + self.rowHeight(row) - 1
            lines.append(QLineF(left, y, right, y))
        painter.setPen(self._grid_colour())
        painter.drawLines(lines)

    def _grid_colour(self) -> QColor:
        option = QStyleOptionViewItem()
        option.initFrom(self)
        rgb = self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self)
        return QColor.fromRgba(rgb & 0xFFFFFFFF)

    def _paint_focus(self, painter: QPainter, index) -> None:
        option = QStyleOptionFocusRect()
        option.initFrom(self)
        option.rect = self.visualRect(index)
        option.backgroundColor = self.palette().color(QPalette.ColorRole.Base)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self)
