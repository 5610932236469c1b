"""Table views set up the same way everywhere: sortable, read-only, whole-row selection."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

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
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(SIZING_ROWS)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column, width in (widths or {}).items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return view


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
