"""Decoding a sheet a column at a time, for the python-calamine reader.

A sync file holds about a million cells, and deciding what to do cell by cell cost more than
reading them. Here each column is checked whole where its cells have the form the program
writes (UUIDs, UTC moments, whole numbers, ``true``/``false``, texts within their length),
with operations that run in C over the whole column (a set of types, slices of the joined
column, ``max(map(len, …))``, the standard library's ISO parsers mapped over it). A column in
any other form (a file Excel re-saved, a bad value) is decoded cell by cell with the
column's ``cell_decoder``, so the values are the same either way; and when any cell is
refused, ``decode_columns`` returns None and the caller reads the sheet row by row, which
names the first bad cell exactly as before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time
from itertools import repeat
from typing import Any

from pierglass_desktop.exchange import limits

_EMPTY = ""  # what python-calamine gives for an empty cell
_HEX = b"0123456789abcdef"
_BOOLS = {"true": True, "false": False, _EMPTY: None}


def decode_columns(
    rows: list[list[Any]],
    columns: Sequence[Any],
    positions: dict[str, int],
    decoders: Sequence[Callable[[Any], Any]],
    row_key: str,
) -> list[dict[str, Any]] | None:
    """The records of a sheet's ``rows`` (header excluded; row 2 first), or None when a cell
    is refused or the rows are not a plain rectangle: the caller then reads row by row."""
    if len(rows) + 1 > limits.MAX_ROWS or len({len(r) for r in rows}) > 1:
        return None
    if rows and type(rows[0]) is not list:  # python-calamine gives lists
        return None
    width = len(rows[0]) if rows else 0
    if width > limits.MAX_COLUMNS:
        return None
    numbers: Sequence[int] = range(2, len(rows) + 2)
    if rows.count([_EMPTY] * width) or rows.count([None] * width):  # people leave blank lines
        numbered = [
            (number, row)
            for number, row in zip(numbers, rows, strict=True)
            if row.count(_EMPTY) + row.count(None) != width
        ]
        numbers = [number for number, _row in numbered]
        rows = [row for _number, row in numbered]
    if not rows:
        return []
    cells = list(zip(*rows, strict=True))
    decoded: list[list[Any]] = []
    for column, decode in zip(columns, decoders, strict=True):
        index = positions.get(column.key)
        if index is None:
            values = _absent(len(numbers), decode)
        else:
            values = _decoded(cells[index], column, decode)
        if values is None:
            return None
        decoded.append(values)
    keys = (row_key, *(c.key for c in columns))
    # dict(zip(keys, record)) for every record, with no Python code run per record
    return list(map(dict, map(zip, repeat(keys), zip(numbers, *decoded, strict=True))))


def _absent(count: int, decode: Callable[[Any], Any]) -> list[Any] | None:
    """A column the sheet lacks reads as empty (a required one was refused before)."""
    from pierglass_desktop.exchange.workbook import CellError

    try:
        return [decode(None)] * count
    except CellError:
        return None


def _decoded(values: tuple, column: Any, decode: Callable[[Any], Any]) -> list[Any] | None:
    fast = _FAST.get(column.kind)
    if fast is not None:
        empties = values.count(_EMPTY)
        if not (column.required and empties):
            try:
                result = fast(values, column, empties)
            except (KeyError, ValueError, TypeError, OverflowError, RecursionError):
                result = None  # not in the written form: decided cell by cell
            if result is not None:
                return result
    return _cell_by_cell(values, decode)


def _cell_by_cell(values: tuple, decode: Callable[[Any], Any]) -> list[Any] | None:
    from pierglass_desktop.exchange.workbook import CellError

    try:
        return [decode(None if v is None or v == _EMPTY else v) for v in values]
    except CellError:
        return None


def _only(values: tuple, *types: type) -> bool:
    return set(map(type, values)) <= set(types)


def _filled(values: tuple, empties: int) -> list[Any]:
    return [v for v in values if v != _EMPTY] if empties else list(values)


def _spread(values: tuple, filled: list[Any], empties: int) -> list[Any]:
    """``filled`` (the non-empty cells converted) back in place, None where a cell is empty."""
    if not empties:
        return filled
    converted = iter(filled)
    return [None if v == _EMPTY else next(converted) for v in values]


def _short_enough(values: Sequence[str], column: Any) -> bool:
    return max(map(len, values), default=0) <= column.max_length


# ---------------------------------------------------------------- per kind: a list, or None


def _text(values: tuple, column: Any, _empties: int) -> list[Any] | None:
    """Texts that ``clean_text`` leaves as they are (no ``\\r``, no control characters)."""
    from pierglass_desktop.exchange.workbook import _ILLEGAL

    if not _only(values, str) or not _short_enough(values, column):
        return None
    joined = "\n".join(values)
    if "\r" in joined or _ILLEGAL.search(joined):
        return None
    return list(values)


def _read_text(values: tuple, column: Any, _empties: int) -> list[Any] | None:
    if not _only(values, str) or not _short_enough(values, column):
        return None
    return list(values)


def _int(values: tuple, column: Any, empties: int) -> list[Any] | None:
    filled = _filled(values, empties)
    if not _only(tuple(filled), int, float):  # bool is neither: refused cell by cell
        return None
    whole = list(map(int, filled))
    if whole != filled:  # a fraction
        return None
    if whole and not (column.low <= min(whole) and max(whole) <= column.high):
        return None
    return _spread(values, whole, empties)


def _bool(values: tuple, _column: Any, _empties: int) -> list[Any] | None:
    if not _only(values, str):
        return None
    return list(map(_BOOLS.__getitem__, values))  # KeyError: another spelling, cell by cell


def _id(values: tuple, column: Any, empties: int) -> list[Any] | None:
    """Lower-case UUIDs: every one 36 characters, dashes where they belong and nowhere else,
    the rest hexadecimal digits, checked over the joined column at once."""
    filled = _filled(values, empties)
    if not filled:
        return [None] * len(values)
    if column.max_length < 36 or not _only(tuple(filled), str) or set(map(len, filled)) != {36}:
        return None
    count = len(filled)
    joined = "\n".join(filled)
    if (
        not joined.isascii()
        or joined.count("-") != 4 * count
        or joined.count("\n") != count - 1
        or any(joined[p::37] != "-" * count for p in (8, 13, 18, 23))
        or joined.encode().translate(None, _HEX + b"-\n")
    ):
        return None
    return _spread(values, filled, empties)


def _parsed_by(
    parse: Callable[[str], Any], accept: Callable[[list[Any]], bool] = lambda _parsed: True
) -> Callable[[tuple, Any, int], list[Any] | None]:
    """Texts parsed as ``cell_decoder`` does; a column whose values ``accept`` refuses is
    decided cell by cell."""

    def decode(values: tuple, _column: Any, empties: int) -> list[Any] | None:
        filled = _filled(values, empties)
        if not _only(tuple(filled), str):
            return None
        parsed = list(map(parse, filled))
        return _spread(values, parsed, empties) if accept(parsed) else None

    return decode


def _in_utc(moments: list[datetime]) -> bool:
    """As the program writes a moment: in UTC (``…Z``)."""
    return {moment.tzinfo for moment in moments} <= {UTC}


def _wall_clock(moments: list[datetime]) -> bool:
    """A local date and time, without an offset."""
    return all(moment.tzinfo is None for moment in moments)


def _json(values: tuple, column: Any, empties: int) -> list[Any] | None:
    filled = _filled(values, empties)
    if not _only(tuple(filled), str) or any(s.isspace() for s in filled):
        return None
    parsed = list(map(json.loads, filled))
    texts = [v for v in parsed if isinstance(v, str)]
    if texts and not _short_enough(texts, column):
        return None
    return _spread(values, parsed, empties)


_FAST: dict[str, Callable[[tuple, Any, int], list[Any] | None]] = {
    "text": _text,
    "read_text": _read_text,
    "int": _int,
    "bool": _bool,
    "id": _id,
    "datetime": _parsed_by(datetime.fromisoformat, _in_utc),
    "local_datetime": _parsed_by(datetime.fromisoformat, _wall_clock),
    "date": _parsed_by(date.fromisoformat),
    "time": _parsed_by(time.fromisoformat),
    "json": _json,
}
