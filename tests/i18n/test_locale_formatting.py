"""Dates and numbers read the way a Finnish or an English-speaking tutor expects."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from babel import Locale, dates, numbers
from hypothesis import given
from hypothesis import strategies as st

from pierglass_desktop.i18n import set_language
from pierglass_desktop.i18n.formatting import (
    NBSP,
    STYLES,
    format_date,
    format_datetime,
    format_hours,
    format_minutes,
    format_number,
    format_percent,
    format_time,
    format_weekday_date,
)

SATURDAY = dt.date(2026, 11, 28)
AFTERNOON = dt.time(14, 30)
# The Babel (CLDR) pattern and locale each of our styles is written to match.
BABEL = {
    "fi": {"locale": "fi_FI", "date": "d.M.y", "time": "H.mm", "weekday": "cccc d.M.y"},
    "en": {"locale": "en", "date": "d MMM y", "time": "HH:mm", "weekday": "EEEE d MMM y"},
}


@pytest.fixture(params=["fi", "en"])
def language(request):
    set_language(request.param)
    yield request.param
    set_language("en")


@pytest.mark.parametrize(
    ("call", "finnish", "english"),
    [
        (lambda: format_date(SATURDAY), "28.11.2026", "28 Nov 2026"),
        (lambda: format_date(dt.date(2026, 9, 3)), "3.9.2026", "3 Sep 2026"),
        (lambda: format_time(AFTERNOON), "14.30", "14:30"),
        (lambda: format_time(dt.time(9, 5, 59)), "9.05", "09:05"),
        (lambda: format_time(dt.time(0, 0)), "0.00", "00:00"),
        (
            lambda: format_datetime(dt.datetime(2026, 11, 28, 14, 30)),
            "28.11.2026 klo 14.30",
            "28 Nov 2026, 14:30",
        ),
        (lambda: format_weekday_date(SATURDAY), "lauantai 28.11.2026", "Saturday 28 Nov 2026"),
        (
            lambda: format_weekday_date(dt.date(2026, 11, 30)),
            "maanantai 30.11.2026",
            "Monday 30 Nov 2026",
        ),
        (lambda: format_number(1234.5), "1~234,5", "1,234.5"),
        (lambda: format_number(-1234567), "-1~234~567", "-1,234,567"),
        (lambda: format_number(2.675, decimals=2), "2,68", "2.68"),
        (lambda: format_number(0.0004), "0", "0"),
        (lambda: format_number(-0.0004), "0", "0"),
        (lambda: format_number(7, decimals=1), "7,0", "7.0"),
        (lambda: format_hours(90), "1,5~h", "1.5~h"),
        (lambda: format_hours(60), "1~h", "1~h"),
        (lambda: format_hours(15), "0,3~h", "0.3~h"),
        (lambda: format_hours(0), "0~h", "0~h"),
        (lambda: format_hours(100), "1,7~h", "1.7~h"),
        (lambda: format_hours(1_000_000), "16~666,7~h", "16,666.7~h"),
        (lambda: format_minutes(45), "45~min", "45~min"),
        (lambda: format_minutes(-4), "-4~min", "-4~min"),
        (lambda: format_minutes(89.5), "90~min", "90~min"),
        (lambda: format_percent(0.75), "75~%", "75%"),
        (lambda: format_percent(2 / 3, decimals=1), "66,7~%", "66.7%"),
        (lambda: format_percent(0), "0~%", "0%"),
        (lambda: format_percent(12.5), "1~250~%", "1,250%"),
    ],
)
def test_values_read_naturally_in_both_languages(language, call, finnish, english):
    # "~" stands for the no-break space that keeps a figure with its unit and its digits together.
    expected = finnish if language == "fi" else english
    assert call() == expected.replace("~", NBSP)


def test_empty_values_give_empty_cells(language):
    functions = [format_date, format_time, format_datetime, format_weekday_date]
    functions += [format_number, format_hours, format_minutes, format_percent]
    assert [f(None) for f in functions] == [""] * len(functions)


def test_not_a_number_is_refused_rather_than_printed(language):
    with pytest.raises(ValueError):
        format_number(float("nan"))
    with pytest.raises(ValueError):
        format_hours(float("inf"))


def test_first_and_last_representable_dates(language):
    first, last = dt.date(1, 1, 1), dt.date(9999, 12, 31)
    expected = {"fi": ("1.1.1", "31.12.9999"), "en": ("1 Jan 1", "31 Dec 9999")}[language]
    assert (format_date(first), format_date(last)) == expected


@pytest.fixture
def helsinki(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Helsinki")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_database_stamps_in_utc_are_shown_in_local_time(finnish, helsinki):
    new_year_utc = dt.datetime(2026, 12, 31, 22, 30, tzinfo=dt.UTC)
    assert format_datetime(new_year_utc) == "1.1.2027 klo 0.30"
    assert format_date(new_year_utc) == "1.1.2027"
    assert format_weekday_date(new_year_utc) == "perjantai 1.1.2027"
    assert format_time(new_year_utc) == "0.30"
    # A meeting's planned start is wall-clock time and stays as written.
    assert format_datetime(dt.datetime(2026, 12, 31, 22, 30)) == "31.12.2026 klo 22.30"


def test_formatting_follows_a_language_change_at_once():
    set_language("fi")
    assert format_hours(90) == f"1,5{NBSP}h"
    set_language("en")
    assert format_hours(90) == f"1.5{NBSP}h"


def test_formatting_does_not_load_babel_so_start_up_stays_fast():
    code = (
        "import sys, datetime as d\n"
        "from pierglass_desktop.i18n import set_language\n"
        "from pierglass_desktop.i18n import formatting as f\n"
        "set_language('fi')\n"
        "f.format_weekday_date(d.date.today()); f.format_datetime(d.datetime.now(d.UTC))\n"
        "f.format_number(1.5); f.format_percent(0.5); f.format_hours(90)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))\n"
    )
    src = Path(__file__).resolve().parents[2] / "src"
    env = {**os.environ, "PYTHONPATH": str(src)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- the tables agree with CLDR, as Babel knows it --------------------------------------------


def test_names_and_separators_match_cldr():
    for code, spec in BABEL.items():
        cldr, style = Locale.parse(spec["locale"]), STYLES[code]
        symbols = cldr.number_symbols["latn"]
        assert (style.decimal, style.group) == (symbols["decimal"], symbols["group"])
        months = cldr.months["format"]["abbreviated"]
        assert style.month_abbr == tuple(months[m] for m in range(1, 13))
        assert style.weekdays == tuple(cldr.days["stand-alone"]["wide"][d] for d in range(7))


@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_dates_match_babel(day):
    for code, spec in BABEL.items():
        set_language(code)
        assert format_date(day) == dates.format_date(day, spec["date"], locale=spec["locale"])
        assert format_weekday_date(day) == dates.format_date(
            day, spec["weekday"], locale=spec["locale"]
        )
    set_language("en")


@given(moment=st.times())
def test_times_match_babel(moment):
    for code, spec in BABEL.items():
        set_language(code)
        assert format_time(moment) == dates.format_time(moment, spec["time"], locale=spec["locale"])
    set_language("en")


@given(
    value=st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=4),
    decimals=st.integers(min_value=0, max_value=3),
)
def test_numbers_and_percentages_match_babel(value, decimals):
    # Babel rounds half-even; we round half-up, so hand Babel the already rounded value.
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    fraction = "." + "0" * decimals if decimals else ""
    for code, spec in BABEL.items():
        set_language(code)
        cldr = Locale.parse(spec["locale"])
        assert format_number(value, decimals) == numbers.format_decimal(
            rounded, "#,##0" + fraction, locale=cldr
        )
        percent = cldr.percent_formats[None].pattern.replace("#,##0", "#,##0" + fraction)
        assert format_percent(value / 100, decimals) == numbers.format_percent(
            rounded / 100, percent, locale=cldr
        )
    set_language("en")
