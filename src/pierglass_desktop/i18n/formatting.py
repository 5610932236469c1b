"""Dates, times and numbers written the way the current language expects.

Finnish follows fi_FI: 28.11.2026 · 14.30 · 28.11.2026 klo 14.30 · lauantai 28.11.2026 ·
1 234,5 · 1,5 h · 75 % · 45 min.

English is for an English-speaking person living in Finland: British day-month-year order with the
month as a word, so the date can never be misread as American (28 Nov 2026, 3 Sep 2026), a
24-hour clock (09:05, 14:30), 1,234.5 · 1.5 h · 75% · 45 min.

The spaces inside numbers ("1 234") and before units ("1,5 h", "75 %") are no-break spaces
(U+00A0) so a table cell or a PDF line never splits a figure from its unit; tests that compare
text should build the expected value with these functions.

Why tables and not Babel at run time: the shipped languages need a dozen month and weekday names
and two separators, while importing Babel and loading its locale data costs ~40 ms at the first
formatted date, which start-up cannot afford. ``tests/i18n/test_locale_formatting.py`` checks
every table against Babel's CLDR data, so they cannot drift; a new language is one LocaleStyle.

Every function returns "" for None, so table models can pass empty values straight through.
Rounding is half-up (0.25 h -> 0.3 h), as people round by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from pierglass_desktop.i18n.core import DEFAULT_LANGUAGE, current_language

NBSP = "\u00a0"


@dataclass(frozen=True)
class LocaleStyle:
    """How one language writes numbers and dates (str.format patterns with named fields)."""

    decimal: str
    group: str
    percent: str  # around {number}
    date: str  # {day} {month} {month_abbr} {year}
    time: str  # {hour} {minute}
    datetime: str  # {date} {time}
    weekday_date: str  # {weekday} {date}
    month_abbr: tuple[str, ...]  # January first
    weekdays: tuple[str, ...]  # Monday first, as Python's weekday() counts


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


STYLES: dict[str, LocaleStyle] = {
    "fi": LocaleStyle(
        decimal=",",
        group=NBSP,
        percent="{number}" + NBSP + "%",
        date="{day}.{month}.{year}",
        time="{hour}.{minute:02d}",
        datetime="{date} klo {time}",
        weekday_date="{weekday} {date}",
        month_abbr=_words("tammi helmi maalis huhti touko kesä heinä elo syys loka marras joulu"),
        weekdays=_words("maanantai tiistai keskiviikko torstai perjantai lauantai sunnuntai"),
    ),
    "en": LocaleStyle(
        decimal=".",
        group=",",
        percent="{number}%",
        date="{day} {month_abbr} {year}",
        time="{hour:02d}:{minute:02d}",
        datetime="{date}, {time}",
        weekday_date="{weekday} {date}",
        month_abbr=_words("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"),
        weekdays=_words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday"),
    ),
}


def style(language: str | None = None) -> LocaleStyle:
    """The style of ``language`` (default: the current one); English for anything unknown."""
    return STYLES.get(language or current_language(), STYLES[DEFAULT_LANGUAGE])


def format_date(d: dt.date | None) -> str:
    """28.11.2026 / 28 Nov 2026 (a datetime shows its own local date)."""
    if d is None:
        return ""
    d = _local(d).date() if isinstance(d, dt.datetime) else d
    s = style()
    return s.date.format(
        day=d.day, month=d.month, month_abbr=s.month_abbr[d.month - 1], year=d.year
    )


def format_time(t: dt.time | dt.datetime | None) -> str:
    """14.30 / 14:30; seconds are not shown."""
    if t is None:
        return ""
    t = _local(t).time() if isinstance(t, dt.datetime) else t
    return style().time.format(hour=t.hour, minute=t.minute)


def format_datetime(moment: dt.datetime | None) -> str:
    """28.11.2026 klo 14.30 / 28 Nov 2026, 14:30.

    An aware datetime (the database's UTC stamps) is shown in the computer's local time; a naive
    one is taken as already local wall-clock time (a meeting's planned start).
    """
    if moment is None:
        return ""
    moment = _local(moment)
    return style().datetime.format(date=format_date(moment), time=format_time(moment))


def format_weekday_date(d: dt.date | None) -> str:
    """lauantai 28.11.2026 / Saturday 28 Nov 2026 — for headings and the next meetings."""
    if d is None:
        return ""
    d = _local(d).date() if isinstance(d, dt.datetime) else d
    s = style()
    return s.weekday_date.format(weekday=s.weekdays[d.weekday()], date=format_date(d))


def format_number(x: float | int | Decimal | None, decimals: int | None = None) -> str:
    """1 234,5 / 1,234.5. ``decimals=None`` shows up to three, dropping trailing zeros."""
    if x is None:
        return ""
    if decimals is None:
        return _number(x, max_decimals=3, min_decimals=0)
    return _number(x, max_decimals=decimals, min_decimals=decimals)


def format_hours(minutes: float | int | None) -> str:
    """Minutes as hours with at most one decimal: 90 -> 1,5 h / 1.5 h; 60 -> 1 h."""
    if minutes is None:
        return ""
    hours = _decimal(minutes) / 60
    return _number(hours, max_decimals=1, min_decimals=0) + NBSP + "h"


def format_minutes(m: float | int | None) -> str:
    """45 min (whole minutes)."""
    if m is None:
        return ""
    return _number(m, max_decimals=0, min_decimals=0) + NBSP + "min"


def format_percent(ratio: float | Decimal | None, decimals: int = 0) -> str:
    """A ratio as a percentage: 0.75 -> 75 % / 75%."""
    if ratio is None:
        return ""
    number = _number(_decimal(ratio) * 100, max_decimals=decimals, min_decimals=decimals)
    return style().percent.format(number=number)


def _local(value):
    """Aware datetimes move to local time; naive ones and plain dates/times stay as they are."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone()
    return value


def _decimal(x: float | int | Decimal) -> Decimal:
    # str() of a float is its shortest round-trip form: 2.675 stays 2.675, not 2.67499…
    value = x if isinstance(x, Decimal) else Decimal(str(x))
    if not value.is_finite():
        raise ValueError(f"cannot format {x!r} as a number")
    return value


def _number(x: float | int | Decimal, max_decimals: int, min_decimals: int) -> str:
    value = _decimal(x).quantize(Decimal(1).scaleb(-max_decimals), rounding=ROUND_HALF_UP)
    if value == 0:
        value = abs(value)  # never "-0"
    text = f"{value:,f}"
    if "." in text:
        whole, fraction = text.split(".")
        fraction = fraction.rstrip("0").ljust(min_decimals, "0")
    else:
        whole, fraction = text, ""
    s = style()
    whole = whole.replace(",", s.group)
    return f"{whole}{s.decimal}{fraction}" if fraction else whole
