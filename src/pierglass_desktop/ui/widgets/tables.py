"""Table views set up the same way everywhere: sortable, read-only, whole-row selection."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

# Columns fit the text of this many rows: measuring thousands of rows would slow every refresh.
SIZING_ROWS = 100


def table_view(
    parent: QWidget,
    proxy,
    *,
    stretch: int = 0,
    sortable: bool = True,
    widths: dict[int, int] | None = None,
) -> QTableView:
    """A view over ``proxy``: column ``stretch`` takes the spare width, the others fit.

    ``widths`` gives columns a starting width the person may drag (long lists of names).
    """
    view = QTableView(parent)
    view.setModel(proxy)
    if sortable:
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # fitted to the text, below
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column, width in (widths or {}).items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    fitted = [c for c in range(proxy.columnCount()) if c != stretch and c not in (widths or {})]
    _TextFit(view, fitted)
    return view


class _TextFit(QObject):
    """Keeps ``columns`` of its view as wide as their title and the text of their first rows.

    Qt's own ResizeToContents asks the model for eight roles of every measured cell, and
    measures again at every layout change: four times 100 rows of each column before a page
    of 14,000 people is first painted, most of its opening time. The text is all that differs
    here, so it is measured once per change, from the shown text only. A child of the view,
    so its connections end with it.
    """

    def __init__(self, view: QTableView, columns: list[int]):
        super().__init__(view)
        self._view = view
        self._columns = columns
        # The delegate's margins around the text and the grid line, as Qt counts them.
        self._margin = (
            2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 1
        )
        model = view.model()
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
            model.headerDataChanged,
        ):
            signal.connect(self.fit)
        self.fit()

    def fit(self, *_args) -> None:
        model, header = self._view.model(), self._view.horizontalHeader()
        metrics = self._view.fontMetrics()
        # A space more: a text laid out a fraction of a pixel wider than its advance would be
        # shortened with "…" in a column fitted to the pixel.
        padding = self._margin + metrics.horizontalAdvance(" ")
        rows = range(min(model.rowCount(), SIZING_ROWS))
        for column in self._columns:
            texts = (model.index(row, column).data() for row in rows)
            widest = max((metrics.horizontalAdvance(text) for text in texts if text), default=0)
            header.resizeSection(column, max(header.sectionSizeHint(column), widest + padding))


def chosen_row(view: QTableView):
    """The row object behind the view's selected row (models with ``row_at``), or None."""
    rows = view.selectionModel().selectedRows()
    return view.model().row_at(rows[0].row()) if rows else None


def choose_row(view: QTableView, record_id: str) -> bool:
    """Select the row whose object has ``record_id``; False when it is not shown."""
    model = view.model()
    for row in range(model.rowCount()):
        if model.row_at(row).id == record_id:
            view.selectRow(row)
            return True
    return False
