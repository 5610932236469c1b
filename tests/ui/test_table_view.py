"""List tables fit their columns to the text they show, without Qt measuring every cell."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pierglass_desktop.services.participants import ParticipantRow
from pierglass_desktop.ui.models.participants import participant_model
from pierglass_desktop.ui.models.table import RowFilterProxy
from pierglass_desktop.ui.widgets.tables import SIZING_ROWS, table_view

BUSINESS_ID = 3  # a column fitted to its text on the Participants table


def _person(number: int, business_id: str) -> ParticipantRow:
    return ParticipantRow("Aino", f"Aalto {number:05}", business_id=business_id, id=str(number))


def _view(qtbot, rows):
    parent = QWidget()
    qtbot.addWidget(parent)
    model = participant_model(parent)
    model.set_rows(rows)
    proxy = RowFilterProxy(model, parent)
    view = table_view(parent, proxy, stretch=2)
    parent.resize(1200, 600)
    parent.show()
    return parent, model, proxy, view


def _widths(view, text: str) -> tuple[int, int]:
    header = view.horizontalHeader()
    return header.sectionSize(BUSINESS_ID), view.fontMetrics().horizontalAdvance(text)


def test_a_column_is_as_wide_as_its_longest_text_and_follows_a_refresh(qtbot):
    long_id = "1234567-8 (old: 7654321-0)"
    _window, model, _proxy, view = _view(qtbot, [_person(1, "0737546-2"), _person(2, long_id)])
    size, text = _widths(view, long_id)
    assert text < size < text + 30  # the whole text, with the cell's margins only
    model.set_rows([_person(1, "0737546-2")])
    size, text = _widths(view, "0737546-2")
    title = view.horizontalHeader().sectionSizeHint(BUSINESS_ID)
    assert size >= max(title, text) and size < _widths(view, long_id)[1]


def test_only_the_first_rows_are_measured_and_a_search_measures_what_it_shows(qtbot):
    rows = [_person(n, "0737546-2") for n in range(SIZING_ROWS + 50)]
    far = "9999999-9 (measured when shown)"
    rows[-1] = _person(SIZING_ROWS + 49, far)
    _window, _model, proxy, view = _view(qtbot, rows)
    size, text = _widths(view, far)
    assert size < text  # row 150 of 150 is not measured: it is shortened, whole on hover
    proxy.set_search(f"aalto {SIZING_ROWS + 49:05}")  # the search shows it first
    size, text = _widths(view, far)
    assert size > text


def test_a_model_that_outlives_its_table_can_still_change(qtbot):
    """The fitting ends with the table: a model kept by a page, refreshed after the table
    closed, changes without reaching for the deleted widget."""
    model = participant_model()
    proxy = RowFilterProxy(model)
    parent = QWidget()
    table_view(parent, proxy, stretch=2)
    parent.deleteLater()
    qtbot.wait(10)  # the table is gone
    model.set_rows([_person(1, "0737546-2")])
    assert proxy.rowCount() == 1
