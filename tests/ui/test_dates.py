"""One home for dates in the UI: what a field holds is what the service gets back."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from pierglass_desktop.ui.widgets import dates

_MOMENTS = st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2200, 12, 31)).map(
    lambda moment: moment.replace(second=0, microsecond=0)
)


@given(_MOMENTS)
def test_a_moment_typed_in_a_field_comes_back_to_the_minute(moment):
    assert dates.from_qdatetime(dates.to_qdatetime(moment)) == moment
    assert dates.from_qdate(dates.to_qdate(moment.date())) == moment.date()
    assert dates.from_qtime(dates.to_qtime(moment.time())) == moment.time()


def test_a_date_shows_the_finnish_way_in_finnish(finnish):
    assert dates.show_date(date(2026, 11, 28)) == "28.11.2026"
    assert dates.show_date(None) == ""
    assert dates.date_edit_format() == "d.M.yyyy"
